import fs from "node:fs";
import path from "node:path";
import { ApiVersion } from "@shopify/shopify-api";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TOML_TEXT = fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8");

type Subscription = { topics?: string[]; compliance_topics?: string[]; uri?: string; filter?: string };
type AppToml = {
  client_id?: string;
  embedded?: boolean;
  access_scopes?: { scopes?: string; use_legacy_install_flow?: boolean };
  webhooks?: { api_version?: string; subscriptions?: Subscription[] };
};

const toml = parse(TOML_TEXT) as AppToml;
const subscriptions = toml.webhooks?.subscriptions ?? [];

/** The `# Handled by: <file>` comment of each [[webhooks.subscriptions]] block, in file order (smol-toml drops comments). */
const handledBy: Array<string | undefined> = TOML_TEXT.split(/^\s*\[\[webhooks\.subscriptions\]\]\s*$/m)
  .slice(1)
  .map((block) => block.split(/^\s*\[/m)[0] ?? "")
  .map((block) => /^\s*#\s*Handled by:\s*(\S+)\s*$/m.exec(block)?.[1]);

/** The URL path Remix's flat-file routing gives a route file (app/routes/a.b.$c.tsx -> /a/b/:c). */
function remixPath(file: string): string {
  const name = path.basename(file).replace(/\.(tsx|ts|jsx|js)$/, "");
  const segments = name
    .split(".")
    .filter((segment) => !segment.startsWith("_") && segment !== "route")
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => (segment === "$" ? "*" : segment.startsWith("$") ? `:${segment.slice(1)}` : segment));
  return `/${segments.join("/")}`;
}

describe("shopify.app.toml", () => {
  it("requests the scopes the app needs", () => {
    const scopes = (toml.access_scopes?.scopes ?? "").split(",").map((s) => s.trim());
    for (const scope of ["read_orders", "read_all_orders", "read_customers", "write_customers", "read_products", "write_pixels", "read_customer_events"]) {
      expect(scopes).toContain(scope);
    }
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it("requests the same scopes as the app's default SCOPES setting", () => {
    const defaults = parseEnv({ DEMO_MODE: "true" }).SCOPES.split(",");
    expect([...(toml.access_scopes?.scopes ?? "").split(",")].sort()).toEqual([...defaults].sort());
  });

  it("uses Shopify-managed installation", () => {
    expect(toml.access_scopes?.use_legacy_install_flow).toBe(false);
    expect(toml.embedded).toBe(true);
  });

  it("sets the webhooks api_version, the same one the app's GraphQL client uses", () => {
    const apiVersion = toml.webhooks?.api_version;
    expect(apiVersion).toMatch(/^\d{4}-(01|04|07|10)$/);
    const source = fs.readFileSync(path.join(ROOT, "app", "shopify.server.ts"), "utf8");
    const member = /export const API_VERSION = ApiVersion\.(\w+);/.exec(source)?.[1];
    expect(member, "app/shopify.server.ts declares API_VERSION = ApiVersion.<Member>").toBeDefined();
    expect(ApiVersion[member as keyof typeof ApiVersion]).toBe(apiVersion);
  });

  it("has webhook subscriptions", () => {
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(handledBy).toHaveLength(subscriptions.length);
  });

  it.each(subscriptions.map((s, i) => [s.uri ?? `#${i}`, i] as const))(
    "subscription %s names its handler, which exists and serves that uri",
    (_uri, i) => {
      const subscription = subscriptions[i] as Subscription;
      const file = handledBy[i];
      expect(file, `[[webhooks.subscriptions]] #${i + 1} needs a "# Handled by: app/routes/<file>" comment`).toBeDefined();
      expect(file).toMatch(/^app\/routes\/[^/]+\.tsx?$/);
      const absolute = path.join(ROOT, file as string);
      expect(fs.existsSync(absolute), `${file} exists`).toBe(true);
      expect(subscription.uri).toBe(remixPath(file as string));
      // Deliveries are POSTed, so the route must export an action.
      expect(fs.readFileSync(absolute, "utf8")).toMatch(/export\s+(const|async function|function)\s+action\b/);
      expect([...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])].length).toBeGreaterThan(0);
    },
  );

  it("subscribes to app/uninstalled and to the three mandatory compliance topics", () => {
    const topics = subscriptions.flatMap((s) => s.topics ?? []);
    const compliance = subscriptions.flatMap((s) => s.compliance_topics ?? []);
    expect(topics).toContain("app/uninstalled");
    expect([...compliance].sort()).toEqual(["customers/data_request", "customers/redact", "shop/redact"]);
  });

  it("no topic is subscribed twice", () => {
    const all = subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("the route-path helper follows Remix flat routes", () => {
    expect(remixPath("app/routes/webhooks.app.uninstalled.tsx")).toBe("/webhooks/app/uninstalled");
    expect(remixPath("app/routes/auth.$.tsx")).toBe("/auth/*");
    expect(remixPath("app/routes/app._index.tsx")).toBe("/app");
    expect(remixPath("app/routes/products.$id.tsx")).toBe("/products/:id");
  });
});
