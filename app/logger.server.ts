import pino, { type Logger } from "pino";

/**
 * Structured logs (JSON lines). Two guards keep secrets and shoppers' personal data out of them:
 * values under sensitive keys are replaced, and anything shaped like an email address is masked
 * wherever it appears (an error message can quote a payload).
 */
const SENSITIVE_KEY = /(secret|token|password|passwd|authorization|cookie|api[-_]?key|hmac|session|^email$|email_address|^phone$)/i;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const MAX_DEPTH = 6;

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(EMAIL, "[email]");
  if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message, depth + 1), stack: scrub(value.stack, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? "[redacted]" : scrub(inner, depth + 1);
  }
  return out;
}

export function createLogger(options: { level: string; destination?: pino.DestinationStream } = { level: "info" }): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        // The message string is not passed through `formatters.log`; mask it here.
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === "string" ? arg.replace(EMAIL, "[email]") : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

let shared: Logger | undefined;

export function logger(): Logger {
  shared ??= createLogger({ level: process.env.LOG_LEVEL ?? "info" });
  return shared;
}
