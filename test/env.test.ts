import { describe, expect, it } from "vitest";
import { DEMO_API_KEY, DEMO_API_SECRET, EnvError, parseEnv, type Env } from "~/env.server";

const SHOPIFY = {
  SHOPIFY_API_KEY: "client-id-123",
  SHOPIFY_API_SECRET: "shpss_0123456789abcdef",
  SHOPIFY_APP_URL: "https://app.example.com",
};

/** The problems parseEnv reports, or [] when it accepts the source. */
function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return error.problems;
  }
}

describe("parseEnv: required Shopify settings", () => {
  it("names every missing setting in one EnvError", () => {
    let thrown: unknown;
    try {
      parseEnv({});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    const error = thrown as EnvError;
    expect(error.name).toBe("EnvError");
    expect(error.problems.map((p) => p.split(":")[0])).toEqual(["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]);
    for (const name of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]) {
      expect(error.message).toContain(`  - ${name}: required (`);
    }
  });

  it.each([
    { missing: "SHOPIFY_API_KEY", source: { ...SHOPIFY, SHOPIFY_API_KEY: undefined } },
    { missing: "SHOPIFY_API_SECRET", source: { ...SHOPIFY, SHOPIFY_API_SECRET: "" } },
    { missing: "SHOPIFY_APP_URL", source: { ...SHOPIFY, SHOPIFY_APP_URL: "   " } },
  ])("reports $missing alone when only it is missing (undefined, empty or blank)", ({ missing, source }) => {
    expect(problems(source).map((p) => p.split(":")[0])).toEqual([missing]);
  });

  it("reports missing keys beside a malformed setting instead of hiding them", () => {
    expect(problems({ PORT: "abc" }).map((p) => p.split(":")[0])).toEqual(["PORT", "SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]);
  });

  it("accepts a complete production environment and keeps the values given", () => {
    const env = parseEnv({ ...SHOPIFY, NODE_ENV: "production", PORT: "8080", HOST: "0.0.0.0" });
    expect(env).toMatchObject({ ...SHOPIFY, NODE_ENV: "production", DEMO_MODE: false, PORT: 8080, HOST: "0.0.0.0" });
  });
});

describe("parseEnv: defaults", () => {
  it("fills every optional setting", () => {
    expect(parseEnv(SHOPIFY)).toEqual({
      ...SHOPIFY,
      NODE_ENV: "development",
      DEMO_MODE: false,
      SCOPES: "read_orders,read_all_orders,read_customers,write_customers,read_products,write_pixels,read_customer_events",
      DATABASE_URL: "file:./prisma/dev.sqlite",
      HOST: "127.0.0.1",
      PORT: 3000,
      LOG_LEVEL: "info",
    });
  });

  it("gives demo mode its own key, secret and loopback URL on the chosen port", () => {
    const env = parseEnv({ DEMO_MODE: "true", PORT: "4321" });
    expect(env).toMatchObject({
      DEMO_MODE: true,
      SHOPIFY_API_KEY: DEMO_API_KEY,
      SHOPIFY_API_SECRET: DEMO_API_SECRET,
      SHOPIFY_APP_URL: "http://127.0.0.1:4321",
      HOST: "127.0.0.1",
    });
    expect(DEMO_API_SECRET).toBe("demo-shopify-api-secret-not-for-production");
  });

  it("keeps explicitly given credentials in demo mode", () => {
    expect(parseEnv({ DEMO_MODE: "1", ...SHOPIFY })).toMatchObject(SHOPIFY);
  });

  it.each([
    { value: "true", expected: true },
    { value: "1", expected: true },
    { value: "yes", expected: true },
    { value: "false", expected: false },
    { value: "0", expected: false },
    { value: "no", expected: false },
    { value: "", expected: false },
  ])("DEMO_MODE=$value -> $expected", ({ value, expected }) => {
    expect(parseEnv({ ...SHOPIFY, DEMO_MODE: value }).DEMO_MODE).toBe(expected);
  });

  it("treats empty and blank strings as unset", () => {
    const env = parseEnv({ ...SHOPIFY, PORT: "", HOST: " ", DATABASE_URL: "", SCOPES: "", LOG_LEVEL: "\t" });
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", DATABASE_URL: "file:./prisma/dev.sqlite", LOG_LEVEL: "info" });
  });
});

describe("parseEnv: demo mode safety", () => {
  it("refuses demo mode with NODE_ENV=production", () => {
    expect(problems({ DEMO_MODE: "true", NODE_ENV: "production" })).toEqual([
      "DEMO_MODE: demo mode signs in without Shopify and must never run with NODE_ENV=production",
    ]);
  });

  it.each(["0.0.0.0", "::", "192.168.1.10", "shop.example.com"])("refuses demo mode bound to %s", (host) => {
    expect(problems({ DEMO_MODE: "true", HOST: host })).toEqual([`HOST: demo mode binds to loopback only (127.0.0.1), not ${host}`]);
  });

  it.each(["127.0.0.1", "::1", "localhost"])("allows demo mode on loopback %s", (host) => {
    expect(parseEnv({ DEMO_MODE: "yes", HOST: host }).HOST).toBe(host);
  });

  it("reports both demo problems at once", () => {
    expect(problems({ DEMO_MODE: "true", NODE_ENV: "production", HOST: "0.0.0.0" }).map((p) => p.split(":")[0])).toEqual(["DEMO_MODE", "HOST"]);
  });
});

describe("parseEnv: malformed settings", () => {
  it.each([
    { name: "DATABASE_URL", value: "mysql://localhost/db" },
    { name: "DATABASE_URL", value: "./dev.sqlite" },
    { name: "PORT", value: "abc" },
    { name: "PORT", value: "65536" },
    { name: "PORT", value: "-1" },
    { name: "PORT", value: "80.5" },
    { name: "SCOPES", value: "read_orders, write_customers" },
    { name: "SCOPES", value: "read_orders,,read_products" },
    { name: "SCOPES", value: "READ_ORDERS" },
    { name: "SHOPIFY_APP_URL", value: "ftp://app.example.com" },
    { name: "SHOPIFY_APP_URL", value: "not a url" },
    { name: "NODE_ENV", value: "staging" },
    { name: "LOG_LEVEL", value: "verbose" },
    { name: "DEMO_MODE", value: "maybe" },
  ])("rejects $name=$value", ({ name, value }) => {
    const reported = problems({ ...SHOPIFY, [name]: value });
    expect(reported).toHaveLength(1);
    expect(reported[0]?.startsWith(`${name}: `)).toBe(true);
  });

  it.each([
    { name: "DATABASE_URL", value: "postgresql://user:pw@db:5432/app", read: (e: Env) => e.DATABASE_URL },
    { name: "DATABASE_URL", value: "postgres://db/app", read: (e: Env) => e.DATABASE_URL },
    { name: "DATABASE_URL", value: "file:/var/data/app.sqlite", read: (e: Env) => e.DATABASE_URL },
    { name: "SCOPES", value: "read_orders,write_customers", read: (e: Env) => e.SCOPES },
    { name: "PORT", value: "0", read: (e: Env) => e.PORT },
    { name: "SHOPIFY_APP_URL", value: "http://localhost:3000", read: (e: Env) => e.SHOPIFY_APP_URL },
  ])("accepts $name=$value", ({ name, value, read }) => {
    expect(String(read(parseEnv({ ...SHOPIFY, [name]: value })))).toBe(value);
  });
});
