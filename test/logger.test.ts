import { Writable } from "node:stream";
import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import { createLogger, scrub } from "~/logger.server";

const SECRETS = ["shpat_1f2e3d4c5b6a", "shpss_0badc0ffee", "hunter2-password", "sess-abc-123", "hmac-deadbeef", "key-42"];
const EMAILS = ["jane.doe@example.com", "Jöns+promo@exämple.org", "kim_lee@mail.example.co.uk"];

/** A real pino logger writing into memory; `lines()` returns the parsed JSON lines and `text()` the raw output. */
function capture(level = "trace") {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level, destination });
  const text = () => chunks.join("");
  const lines = () => text().trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, text, lines };
}

function expectClean(output: string): void {
  for (const secret of [...SECRETS, ...EMAILS]) expect(output).not.toContain(secret);
  expect(output).not.toMatch(/@example\./);
}

describe("scrub", () => {
  it.each([
    { input: { accessToken: "t" }, expected: { accessToken: "[redacted]" } },
    { input: { SHOPIFY_API_SECRET: "s" }, expected: { SHOPIFY_API_SECRET: "[redacted]" } },
    { input: { password: "p", passwd: "p" }, expected: { password: "[redacted]", passwd: "[redacted]" } },
    { input: { headers: { Authorization: "Bearer x", cookie: "c", "x-shopify-hmac-sha256": "h" } }, expected: { headers: { Authorization: "[redacted]", cookie: "[redacted]", "x-shopify-hmac-sha256": "[redacted]" } } },
    { input: { apiKey: "k", api_key: "k", "api-key": "k" }, expected: { apiKey: "[redacted]", api_key: "[redacted]", "api-key": "[redacted]" } },
    { input: { session: { id: "s" } }, expected: { session: "[redacted]" } },
    { input: { email: "a@b.co", email_address: "a@b.co", phone: "+15551234567" }, expected: { email: "[redacted]", email_address: "[redacted]", phone: "[redacted]" } },
    { input: { shop: "demo.myshopify.com", orders: 3, ok: true, none: null }, expected: { shop: "demo.myshopify.com", orders: 3, ok: true, none: null } },
  ])("redacts sensitive keys and keeps the rest: $input", ({ input, expected }) => {
    expect(scrub(input)).toEqual(expected);
  });

  it.each([
    { input: "bounce for jane.doe@example.com (hard)", expected: "bounce for [email] (hard)" },
    { input: "to: Jöns+promo@exämple.org, kim_lee@mail.example.co.uk", expected: "to: [email], [email]" },
    { input: "no address here @ all", expected: "no address here @ all" },
    { input: "token shpat_1f2e3d4c5b6a leaked", expected: "token [redacted] leaked" },
    { input: "Authorization: Bearer eyJhbGciOi.abc-def_ghi", expected: "Authorization: [redacted]" },
  ])("masks emails and tokens inside strings: $input", ({ input, expected }) => {
    expect(scrub(input)).toBe(expected);
  });

  it("masks inside arrays, nested objects, errors and keys", () => {
    const error = new TypeError("cannot mail jane.doe@example.com");
    expect(scrub({ recipients: ["jane.doe@example.com", { note: "cc kim_lee@mail.example.co.uk" }], byEmail: { "jane.doe@example.com": 2 }, error })).toEqual({
      recipients: ["[email]", { note: "cc [email]" }],
      byEmail: { "[email]": 2 },
      error: { type: "TypeError", message: "cannot mail [email]", stack: expect.stringMatching(/^TypeError: cannot mail \[email\]\n/) },
    });
  });

  it("truncates objects nested too deeply instead of passing them through unscrubbed", () => {
    const deep = { a: { b: { c: { d: { e: { f: { token: "shpat_1f2e3d4c5b6a", email: "jane.doe@example.com" } } } } } } };
    expect(scrub(deep)).toEqual({ a: { b: { c: { d: { e: { f: "[truncated]" } } } } } });
  });

  it("survives circular references", () => {
    const loop: Record<string, unknown> = { name: "loop" };
    loop.self = loop;
    expect(JSON.stringify(scrub(loop))).toContain('"self":{"name":"loop","self":{');
  });
});

describe("createLogger writes nothing sensitive", () => {
  it("writes JSON lines with level label, ISO time and the message", () => {
    const { log, lines } = capture("info");
    log.debug("hidden below the level");
    log.info({ orders: 3 }, "backfill done");
    expect(lines()).toEqual([{ level: "info", time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/), orders: 3, msg: "backfill done" }]);
  });

  it.each([
    { case: "merge object with secrets", write: (log: Logger) => log.info({ accessToken: SECRETS[0], apiSecret: SECRETS[1], password: SECRETS[2], headers: { authorization: `Bearer ${SECRETS[0]}` } }, "install") },
    { case: "emails in the merge object", write: (log: Logger) => log.info({ customer: { email: EMAILS[0], note: `alt ${EMAILS[1]}` } }, "customer synced") },
    { case: "email inside the message", write: (log: Logger) => log.warn(`bounce for ${EMAILS[0]}`) },
    { case: "email as a %s argument", write: (log: Logger) => log.info("sent to %s", EMAILS[2]) },
    { case: "object as a %j argument", write: (log: Logger) => log.info("payload %j", { token: SECRETS[0], email: EMAILS[0], note: EMAILS[1] }) },
    { case: "error as a %s argument", write: (log: Logger) => log.warn("retrying after %s", new Error(`bounce for ${EMAILS[2]}`)) },
    { case: "object as a %o argument", write: (log: Logger) => log.info("payload %o", { session: SECRETS[3], hmac: SECRETS[4] }) },
    { case: "error as the only argument", write: (log: Logger) => log.error(new Error(`SMTP refused ${EMAILS[0]}`)) },
    { case: "error under err without a message", write: (log: Logger) => log.error({ err: new Error(`SMTP refused ${EMAILS[1]}`) }) },
    { case: "error with a message", write: (log: Logger) => log.error({ err: new Error(`refused ${EMAILS[2]}`) }, `while mailing ${EMAILS[0]}`) },
    { case: "msg inside the merge object", write: (log: Logger) => log.info({ msg: `hello ${EMAILS[0]}` }) },
    { case: "child logger bindings", write: (log: Logger) => log.child({ apiKey: SECRETS[5], shopEmail: EMAILS[0] }).info("bound") },
    { case: "grandchild logger bindings", write: (log: Logger) => log.child({ component: "jobs" }).child({ session: SECRETS[3], owner: EMAILS[1] }).info("bound") },
    { case: "token in a library message", write: (log: Logger) => log.debug(`request with X-Shopify-Access-Token ${SECRETS[0]}`) },
    { case: "deeply nested secret", write: (log: Logger) => log.info({ a: { b: { c: { d: { e: { f: { token: SECRETS[0] } } } } } } }, "deep") },
  ])("$case", ({ write }) => {
    const { log, text, lines } = capture();
    write(log);
    expect(lines()).toHaveLength(1);
    expectClean(text());
  });

  it("keeps the useful part of each line", () => {
    const { log, lines } = capture();
    log.error(new Error(`SMTP refused ${EMAILS[0]}`));
    log.info("payload %j", { token: SECRETS[0], orders: 2 });
    log.child({ component: "http", accessToken: SECRETS[0] }).info({ status: 500 }, "request");
    log.warn("retrying after %s", new TypeError(`bounce for ${EMAILS[0]}`));
    const [error, payload, request, retry] = lines();
    expect(error).toMatchObject({ level: "error", msg: "SMTP refused [email]", err: { type: "Error", message: "SMTP refused [email]" } });
    expect(payload?.msg).toBe('payload {"token":"[redacted]","orders":2}');
    expect(request).toMatchObject({ component: "http", accessToken: "[redacted]", status: 500, msg: "request" });
    expect(retry?.msg).toBe("retrying after TypeError: bounce for [email]");
  });

  it("keeps the error's class name", () => {
    const { log, lines } = capture();
    log.error({ err: new RangeError("out of range") }, "failed");
    expect(lines()[0]?.err).toMatchObject({ type: "RangeError", message: "out of range" });
  });
});
