// Child-process entry for the concurrency test: waits for a shared start instant, applies the
// migrations to the database given on the command line, and prints what it applied as JSON.
import { applyMigrations } from "../../../app/adapters/prisma/migrate.server";

const [url, startAt] = process.argv.slice(2);
if (!url || !startAt) throw new Error("usage: migrateOnce.ts <databaseUrl> <startAtEpochMs>");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const applied = await applyMigrations(url);
process.stdout.write(JSON.stringify(applied));
