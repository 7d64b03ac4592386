/** `npm run setup`: apply pending database migrations (SQLite or PostgreSQL, from DATABASE_URL). */
import { applyMigrations } from "../adapters/prisma/migrate.server";
import { env } from "../env.server";
import { logger } from "../logger.server";

const applied = await applyMigrations(env().DATABASE_URL);
logger().info({ applied }, applied.length ? "migrations applied" : "database already up to date");
