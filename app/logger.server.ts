import pino, { type Logger } from "pino";

/**
 * Structured logs (JSON lines). Two guards keep secrets and shoppers' personal data out of them:
 * values under sensitive keys are replaced, and anything shaped like an email address or a Shopify
 * access token is masked wherever it appears (an error message can quote a payload).
 */
const SENSITIVE_KEY = /(secret|token|password|passwd|authorization|cookie|api[-_]?key|hmac|session|^email$|email_address|^phone$)/i;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Shopify access tokens and shared secrets (shpat_, shpca_, shppa_, shpss_, shpua_) and bearer credentials in free text. */
const TOKEN = /\b(?:shp(?:at|ca|pa|ss|ua)_[A-Za-z0-9]+|Bearer\s+[A-Za-z0-9._~+/=-]+)/g;
const MAX_DEPTH = 6;

function maskText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(TOKEN, "[redacted]");
}

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskText(value);
  if (value === null || typeof value !== "object") return value;
  // Deeper than this is not worth logging, and returning it unscrubbed would print what lies there.
  if (depth >= MAX_DEPTH) return "[truncated]";
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message, depth + 1), stack: scrub(value.stack, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[maskText(key)] = SENSITIVE_KEY.test(key) ? "[redacted]" : scrub(inner, depth + 1);
  }
  return out;
}

export function createLogger(options: { level: string; destination?: pino.DestinationStream } = { level: "info" }): Logger {
  const log = pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      // `scrub` has already turned errors into { type, message, stack }; pino's default serializer
      // would take that for an error again and relabel its type "Object".
      serializers: { err: (value: unknown) => value },
      hooks: {
        // The message and its printf arguments (`%s`, `%j`, `%o`) bypass `formatters.log`; scrub them
        // here. With no message given, pino prints the logged error's own: supply it masked.
        // (The merge object, when the first argument is one, goes through `formatters.log`.)
        logMethod(args, method) {
          const [first, ...rest] = args;
          const interpolated = rest.map((arg) => (arg instanceof Error ? maskText(String(arg)) : scrub(arg))); // `%s` of an error: "Error: ..."
          const masked: unknown[] = [typeof first === "string" ? maskText(first) : first, ...interpolated];
          const ownMessage = typeof first === "string" || typeof rest[0] === "string" ? undefined : errorMessageOf(first);
          if (ownMessage !== undefined) masked.splice(1, 0, maskText(ownMessage));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
  // A child's bindings are serialized once, when it is made, outside `formatters.log` (and pino does
  // not apply `formatters.bindings` to children): scrub them on the way in. Children inherit this.
  const makeChild = log.child;
  log.child = function child<ChildLevels extends string = never>(this: Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions<ChildLevels>) {
    return makeChild.call(this, scrub(bindings) as pino.Bindings, childOptions) as Logger<ChildLevels>;
  };
  return log;
}

/** The message pino would take from a logged error (`log.error(err)` or `log.error({ err })`). */
function errorMessageOf(value: unknown): string | undefined {
  if (value instanceof Error) return value.message;
  if (typeof value !== "object" || value === null || ("msg" in value && value.msg !== undefined)) return undefined;
  if (!("err" in value) || typeof value.err !== "object" || value.err === null || !("message" in value.err)) return undefined;
  return typeof value.err.message === "string" ? value.err.message : undefined;
}

let shared: Logger | undefined;

export function logger(): Logger {
  shared ??= createLogger({ level: process.env.LOG_LEVEL ?? "info" });
  return shared;
}
