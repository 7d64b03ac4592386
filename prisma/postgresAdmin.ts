import pg from "pg";

/**
 * The local PostgreSQL server's admin connection, for tools and tests that create and drop whole
 * databases (migration checks, test databases). POSTGRES_ADMIN_URL overrides the default.
 */
export const POSTGRES_ADMIN_URL = process.env.POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server, and how to drop it. */
export async function createPostgresDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    url: POSTGRES_ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
