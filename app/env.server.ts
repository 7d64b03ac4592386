import { z } from "zod";

/**
 * The environment, validated once at boot. A missing or malformed setting stops the process with
 * a message naming every problem, instead of surfacing later as `undefined` in a request.
 */
const DEFAULT_SCOPES = [
  "read_orders",
  "read_all_orders",
  "read_customers",
  "write_customers",
  "read_products",
  "write_pixels",
  "read_customer_events",
].join(",");

/** The key demo deliveries are signed with when SHOPIFY_API_SECRET is not set (demo mode only). */
export const DEMO_API_SECRET = "demo-shopify-api-secret-not-for-production";
export const DEMO_API_KEY = "demo-api-key";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Copy by a language model: the key, and any OpenAI-compatible server (without them, templates write everything). */
const OPENAI_FIELDS = {
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
};

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DEMO_MODE: bool.default(false),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    SCOPES: z
      .string()
      .regex(/^[a-z_]+(,[a-z_]+)*$/, "a comma-separated list of access scopes")
      .default(DEFAULT_SCOPES),
    SHOP_CUSTOM_DOMAIN: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "file:<path> for SQLite or postgresql://... for PostgreSQL")
      .default("file:./prisma/dev.sqlite"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ...OPENAI_FIELDS,
    /** 32 bytes as 64 hex digits: encrypts the secrets shops give the app (SMTP passwords). */
    APP_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "64 hex digits (32 random bytes: openssl rand -hex 32)").optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DEMO_MODE) {
      if (env.NODE_ENV === "production") {
        ctx.addIssue({
          code: "custom",
          path: ["DEMO_MODE"],
          message: "demo mode signs in without Shopify and must never run with NODE_ENV=production",
        });
      }
      if (!LOOPBACK_HOSTS.has(env.HOST)) {
        ctx.addIssue({ code: "custom", path: ["HOST"], message: `demo mode binds to loopback only (127.0.0.1), not ${env.HOST}` });
      }
      return;
    }
    const required: Array<[keyof typeof env, string]> = [
      ["SHOPIFY_API_KEY", "the app's client id from the Partner Dashboard"],
      ["SHOPIFY_API_SECRET", "the app's client secret; Shopify signs webhooks with it"],
      ["SHOPIFY_APP_URL", "the public https URL Shopify reaches the app at"],
    ];
    for (const [name, meaning] of required) {
      if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: `required (${meaning})` });
    }
    // Zod skips refinements once any field fails to parse (a bad PORT would hide missing keys), yet the
    // message should name every problem: run unless a field these checks read is itself invalid.
  }, { when: (payload) => payload.issues.every((issue) => !["NODE_ENV", "DEMO_MODE", "HOST"].includes(String(issue.path?.[0]))) })
  .transform((env) => ({
    ...env,
    SHOPIFY_API_KEY: env.SHOPIFY_API_KEY ?? DEMO_API_KEY,
    SHOPIFY_API_SECRET: env.SHOPIFY_API_SECRET ?? DEMO_API_SECRET,
    SHOPIFY_APP_URL: env.SHOPIFY_APP_URL ?? `http://127.0.0.1:${env.PORT}`,
    // In demo mode a fixed development key; otherwise unset means the app refuses to store secrets
    // (the settings page says why) rather than keep them in the clear.
    APP_ENCRYPTION_KEY: env.APP_ENCRYPTION_KEY ?? (env.DEMO_MODE ? DEMO_ENCRYPTION_KEY : undefined),
  }));

/** The demo's encryption key: public, so demo secrets are as safe as the demo's data (not at all). */
export const DEMO_ENCRYPTION_KEY = "de70de70de70de70de70de70de70de70de70de70de70de70de70de70de70de70";

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/**
 * Pure: validates any map of variables (tests pass their own). Empty and blank strings count as
 * unset (`PORT=" "` would otherwise coerce to port 0, a random port).
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Only the language-model settings, validated alone: the review stage runs in the worker, the demo
 * and tests, and needs these two without requiring the Shopify settings a full env() demands.
 */
export function openAiEnv(source: Record<string, string | undefined> = process.env): { OPENAI_API_KEY?: string; OPENAI_BASE_URL?: string } {
  const present = Object.fromEntries(Object.entries(source).filter(([key, value]) => key in OPENAI_FIELDS && value !== undefined && value.trim() !== ""));
  const result = z.object(OPENAI_FIELDS).safeParse(present);
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  return result.data;
}
