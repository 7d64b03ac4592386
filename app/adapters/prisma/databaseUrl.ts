/** DATABASE_URL decides the engine: `file:` is SQLite (the embedded default), `postgres(ql)://` is PostgreSQL. */
export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(":")[0]}:..."`);
}

/** The file path of a `file:` url, relative paths taken from the working directory. */
export function sqliteFilePath(url: string): string {
  const rest = url.replace(/^file:/, "").split("?")[0] ?? "";
  return rest;
}
