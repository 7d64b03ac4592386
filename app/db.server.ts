import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/sqlite/client";
import { databaseKind, sqliteFilePath, type DatabaseKind } from "./adapters/prisma/databaseUrl";
import { env } from "./env.server";

/**
 * The Prisma client on the driver-adapter path: SQLite by default (one file, nothing to run),
 * PostgreSQL when DATABASE_URL says postgresql:// (stores that outgrow one machine).
 *
 * Both clients are generated from the same models (prisma/postgres/schema.prisma is generated from
 * prisma/schema.prisma), so they expose the same API; `Db` is the SQLite client's type and the
 * PostgreSQL client is typed as it. Tests run the same suites against both to hold that promise.
 */
export type Db = PrismaClient;

const kinds = new WeakMap<object, DatabaseKind>();

/** Which database a client talks to (for the few places SQL differs, such as placeholders). */
export function databaseKindOf(store: Db): DatabaseKind {
  const kind = kinds.get(store);
  if (!kind) throw new Error("not a client made by connectDatabase");
  return kind;
}

export async function connectDatabase(databaseUrl: string): Promise<Db> {
  const client = await connect(databaseUrl);
  kinds.set(client, databaseKind(databaseUrl));
  return client;
}

async function connect(databaseUrl: string): Promise<Db> {
  if (databaseKind(databaseUrl) === "postgres") {
    const [{ PrismaPg }, { PrismaClient: PostgresClient }] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("./generated/postgres/client"),
    ]);
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    return client as unknown as Db;
  }
  // better-sqlite3 waits up to `timeout` ms on a locked database before failing with SQLITE_BUSY.
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(databaseUrl)}`, timeout: 5_000 }),
  });
  // WAL lets readers run beside the single writer; NORMAL sync is durable across app crashes in WAL mode.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  return client;
}

declare global {
  // Reused across hot reloads in development so connections are not leaked.
  var __appDb: Promise<Db> | undefined;
}

/** The process-wide client for DATABASE_URL. */
export function db(): Promise<Db> {
  globalThis.__appDb ??= connectDatabase(env().DATABASE_URL);
  return globalThis.__appDb;
}
