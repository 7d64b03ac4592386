import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { AGENT_NAMES } from "~/domain/agents/contract";
import { buildFlowTriggerPayload, CUSTOMER_ID_KEY, FLOW_TRIGGERS, PRODUCTS_SCHEMA_TYPE } from "~/domain/delivery/flowPayload";
import { buildCustomerMetafields, CUSTOMER_METAFIELDS, METAFIELD_NAMESPACE } from "~/domain/delivery/metafieldPayload";
import { messageFor, SHOP } from "../domain/delivery/fixtures";

/**
 * The Flow trigger extensions (extensions/flow-trigger-<agent>/) and the customer metafield
 * definitions (shopify.app.toml) against the code that fills them: a field the toml declares and
 * the payload lacks (or the reverse) would make flowTriggerReceive fail on a real shop, and a
 * metafield whose type differs from its definition would make metafieldsSet fail.
 *
 * Flow's rules checked here (Flow trigger reference; Shopify CLI's flow_trigger specification):
 * handle at most 30 characters of letters, digits and hyphens; custom field keys of letters and
 * spaces; trigger field types boolean, email, single_line_text_field, url, number_decimal or
 * schema.<Type> (which needs `schema`); commerce-object references without a key.
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const EXTENSIONS = path.join(ROOT, "extensions");

type TomlField = { type?: string; key?: string; description?: string; name?: string; required?: boolean };
type ExtensionToml = {
  extensions?: Array<{ name?: string; type?: string; handle?: string; description?: string; schema?: string }>;
  settings?: { fields?: TomlField[] };
};

const TRIGGER_FIELD_TYPES = ["boolean", "email", "single_line_text_field", "url", "number_decimal"];
const REFERENCE_TYPES = ["customer_reference", "order_reference", "product_reference"];

function readExtension(agent: string): { toml: ExtensionToml; dir: string } {
  const dir = path.join(EXTENSIONS, `flow-trigger-${agent}`);
  return { dir, toml: parse(fs.readFileSync(path.join(dir, "shopify.extension.toml"), "utf8")) as ExtensionToml };
}

/** A small reader for the SDL Flow accepts in a trigger schema: `type Name { field: Type }`, descriptions and comments ignored. */
function readSdl(text: string): Map<string, Map<string, string>> {
  const withoutComments = text.replace(/#[^\n]*/g, "").replace(/"""[\s\S]*?"""/g, "").replace(/"[^"\n]*"/g, "");
  const types = new Map<string, Map<string, string>>();
  for (const match of withoutComments.matchAll(/\btype\s+(\w+)\s*\{([^}]*)\}/g)) {
    const fields = new Map<string, string>();
    for (const field of (match[2] ?? "").matchAll(/(\w+)\s*:\s*([\w[\]!]+)/g)) fields.set(field[1] ?? "", field[2] ?? "");
    types.set(match[1] ?? "", fields);
  }
  return types;
}

/** Whether a JSON value fits an SDL type (scalars String, ID, Float, Int, Boolean; lists; object types). */
function fits(value: unknown, type: string, types: Map<string, Map<string, string>>): boolean {
  const required = type.endsWith("!");
  const bare = required ? type.slice(0, -1) : type;
  if (value === null || value === undefined) return !required;
  if (bare.startsWith("[")) return Array.isArray(value) && value.every((item) => fits(item, bare.slice(1, -1), types));
  switch (bare) {
    case "String":
    case "ID":
      return typeof value === "string";
    case "Float":
      return typeof value === "number" && Number.isFinite(value);
    case "Int":
      return Number.isInteger(value);
    case "Boolean":
      return typeof value === "boolean";
  }
  const fields = types.get(bare);
  if (!fields || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value as object);
  return keys.every((key) => fields.has(key)) && [...fields].every(([name, fieldType]) => fits((value as Record<string, unknown>)[name], fieldType, types));
}

describe("Flow trigger extensions", () => {
  it("there is one flow-trigger-<agent> extension per agent and no other", () => {
    const dirs = fs.readdirSync(EXTENSIONS).filter((name) => name.startsWith("flow-trigger-"));
    expect(dirs.sort()).toEqual(AGENT_NAMES.map((agent) => `flow-trigger-${agent}`).sort());
  });

  describe.each(AGENT_NAMES)("flow-trigger-%s", (agent) => {
    const { toml, dir } = readExtension(agent);
    const extension = toml.extensions?.[0];
    const fields = toml.settings?.fields ?? [];
    const definition = FLOW_TRIGGERS[agent];

    it("is one flow_trigger with the handle, name and description the app fires it by", () => {
      expect(toml.extensions).toHaveLength(1);
      expect(extension).toMatchObject({ type: "flow_trigger", handle: definition.handle, name: definition.name, description: definition.description });
      expect(extension?.handle).toMatch(/^[A-Za-z0-9-]{1,30}$/);
    });

    it("references the customer first, without a key (its payload key is customer_id)", () => {
      expect(fields[0]).toEqual({ type: "customer_reference" });
      expect(fields.slice(1).map((f) => f.type)).not.toContain("customer_reference");
    });

    it("declares the builder's fields, in its order, with keys and types Flow accepts", () => {
      const custom = fields.slice(1);
      expect(custom.map(({ key, type, description }) => ({ key, type, description }))).toEqual(definition.fields);
      for (const field of custom) {
        expect(field.key, JSON.stringify(field)).toMatch(/^[A-Za-z\s]+$/);
        expect(TRIGGER_FIELD_TYPES.includes(field.type ?? "") || /^schema\.\w+$/.test(field.type ?? "") || REFERENCE_TYPES.includes(field.type ?? ""), `${field.type}`).toBe(true);
        expect(field.description?.length ?? 0).toBeGreaterThan(0);
      }
      expect(new Set(custom.map((f) => f.key)).size).toBe(custom.length);
    });

    it("the payload it receives has exactly its fields: customer_id, then each key", () => {
      const { handle, payload } = buildFlowTriggerPayload(messageFor(agent), SHOP);
      expect(handle).toBe(extension?.handle);
      expect(Object.keys(payload)).toEqual([CUSTOMER_ID_KEY, ...fields.slice(1).map((f) => f.key)]);
      for (const field of fields.slice(1)) {
        const value = payload[field.key ?? ""];
        if (field.type === "number_decimal") expect(typeof value, field.key).toBe("number");
        if (field.type === "single_line_text_field") expect(typeof value, field.key).toBe("string");
        if (field.type === "url") expect(String(value)).toMatch(/^https?:\/\//);
      }
    });

    it("has the schema its schema.* fields name, and the payload's objects fit it", () => {
      const schemaFields = fields.filter((f) => f.type?.startsWith("schema."));
      expect(schemaFields.map((f) => f.type)).toEqual([`schema.${PRODUCTS_SCHEMA_TYPE}`]);
      expect(extension?.schema).toBe("./schema.graphql");
      const types = readSdl(fs.readFileSync(path.join(dir, extension?.schema ?? ""), "utf8"));
      const { payload } = buildFlowTriggerPayload(messageFor(agent), SHOP);
      for (const field of schemaFields) {
        const typeName = (field.type ?? "").replace(/^schema\./, "");
        expect(types.has(typeName), typeName).toBe(true);
        expect(fits(payload[field.key ?? ""], `${typeName}!`, types), `${field.key} fits ${typeName}`).toBe(true);
      }
    });
  });

  it("every extension carries the same schema.graphql", () => {
    const schemas = AGENT_NAMES.map((agent) => fs.readFileSync(path.join(EXTENSIONS, `flow-trigger-${agent}`, "schema.graphql"), "utf8"));
    expect(new Set(schemas).size).toBe(1);
  });

  it("the SDL reader and type check catch a payload that does not fit", () => {
    const types = readSdl('"A product" type P { id: ID! price: Float! } type L { items: [P!]! }');
    expect(fits({ items: [{ id: "1", price: 2 }] }, "L!", types)).toBe(true);
    expect(fits({ items: [{ id: "1", price: "2" }] }, "L!", types)).toBe(false);
    expect(fits({ items: [{ id: "1", price: 2, extra: true }] }, "L!", types)).toBe(false);
    expect(fits({ items: [{ id: "1" }] }, "L!", types)).toBe(false);
  });

  it("the app asks for read_customers, which customer_reference triggers need", () => {
    const app = parse(fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8")) as { access_scopes?: { scopes?: string } };
    expect((app.access_scopes?.scopes ?? "").split(",")).toContain("read_customers");
  });
});

describe("customer metafield definitions (shopify.app.toml)", () => {
  const text = fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8");
  type Definition = { type?: string; name?: string; description?: string; access?: Record<string, string> };
  const app = parse(text) as { customer?: { metafields?: Record<string, Record<string, Definition>> }; access_scopes?: { scopes?: string } };
  // `$app:marketing` is declared as [customer.metafields.marketing.<key>].
  const subNamespace = METAFIELD_NAMESPACE.replace(/^\$app:/, "");
  const declared = app.customer?.metafields?.[subNamespace] ?? {};

  it("the namespace is the app's reserved one", () => {
    expect(METAFIELD_NAMESPACE).toMatch(/^\$app:[a-z_]+$/);
    expect(Object.keys(app.customer?.metafields ?? {})).toEqual([subNamespace]);
  });

  it("declares every metafield the app writes, with the same type, name and description", () => {
    expect(Object.keys(declared)).toEqual(CUSTOMER_METAFIELDS.map((d) => d.key));
    for (const definition of CUSTOMER_METAFIELDS) {
      expect(declared[definition.key], definition.key).toMatchObject({ type: definition.type, name: definition.name, description: definition.description });
    }
  });

  it("merchants can read but not edit them; the storefront and customer accounts can read them", () => {
    for (const definition of Object.values(declared)) {
      expect(definition.access).toEqual({ admin: "merchant_read", storefront: "public_read", customer_account: "read" });
    }
  });

  it.each(AGENT_NAMES)("what a %s message writes fits the declarations", (agent) => {
    for (const metafield of buildCustomerMetafields(messageFor(agent), SHOP, null).metafields) {
      expect(metafield.namespace).toBe(METAFIELD_NAMESPACE);
      expect(declared[metafield.key]?.type, metafield.key).toBe(metafield.type);
    }
  });

  it("writing customer metafields has its scope", () => {
    expect((app.access_scopes?.scopes ?? "").split(",")).toContain("write_customers");
  });

  it("the definitions are the last section, after a comment naming who writes them", () => {
    const start = text.search(/^\[customer\.metafields\./m);
    expect(start).toBeGreaterThan(text.indexOf("[pos]"));
    expect(text.slice(0, start).trimEnd().split("\n").at(-1)).toMatch(/^#/);
    expect(text.slice(start)).toContain("[customer.metafields.marketing.replenishment_due_on]");
    expect(text.slice(0, start)).toContain("app/services/delivery/flowAndMetafields.server.ts");
  });
});
