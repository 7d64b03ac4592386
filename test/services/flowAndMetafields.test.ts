import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminGraphqlFrom } from "~/adapters/shopify/bulkOperation.server";
import type { AgentName } from "~/domain/agents/contract";
import { buildFlowTriggerPayload, CUSTOMER_ID_KEY, type DeliverableMessage } from "~/domain/delivery/flowPayload";
import { buildCustomerMetafields, METAFIELD_NAMESPACE } from "~/domain/delivery/metafieldPayload";
import { deliverFlowAndMetafields, type ShopifyTarget } from "~/services/delivery/flowAndMetafields.server";
import { messageFor, storedColumns } from "../domain/delivery/fixtures";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { FakeShopify } from "../support/fakeShopify";

/**
 * Flow triggers and customer metafields for a message, against the local fake Admin API over real
 * HTTP. The fake is set up as a shop with this app deployed: it knows the triggers the extensions'
 * toml declare (and refuses a payload whose fields differ) and the metafield definitions
 * shopify.app.toml declares (and refuses a value whose type differs, as metafieldsSet does).
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SHOP_SETTINGS = { currencyCode: "USD", timeZone: "America/New_York" };
const EMAIL = "anna.river@example.com";
const SENT_AT = new Date("2026-11-25T14:00:00Z");

function deployApp(shopify: FakeShopify): void {
  for (const dir of fs.readdirSync(path.join(ROOT, "extensions")).filter((name) => name.startsWith("flow-trigger-"))) {
    const toml = parse(fs.readFileSync(path.join(ROOT, "extensions", dir, "shopify.extension.toml"), "utf8")) as {
      extensions: Array<{ handle: string }>;
      settings: { fields: Array<{ type: string; key?: string }> };
    };
    const keys = toml.settings.fields.map((field) => (field.type === "customer_reference" ? CUSTOMER_ID_KEY : (field.key ?? "")));
    shopify.flowTriggers.set(toml.extensions[0]?.handle ?? "", new Set(keys));
  }
  const app = parse(fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8")) as { customer: { metafields: Record<string, Record<string, { type: string }>> } };
  for (const [subNamespace, definitions] of Object.entries(app.customer.metafields)) {
    for (const [key, definition] of Object.entries(definitions)) shopify.metafieldDefinitions.set(`$app:${subNamespace}.${key}`, definition.type);
  }
}

describe.each(DATABASE_KINDS)("Flow triggers and customer metafields on %s", (kind) => {
  let t: TestDatabase;
  let shopify: FakeShopify;
  let target: ShopifyTarget;
  let n = 0;
  let shopId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await shopify?.close();
    await t?.drop();
  });
  beforeEach(async () => {
    await shopify?.close();
    shopify = await FakeShopify.start();
    deployApp(shopify);
    target = { mode: "shopify", graphql: adminGraphqlFrom(shopify.adminClient()) };
    n += 1;
    shopId = `delivery-${kind}-${n}.myshopify.com`;
    await createShop(shopId);
  });

  async function createShop(id: string): Promise<void> {
    await t.db.shop.create({ data: { id, name: "Fern & Moss", currencyCode: SHOP_SETTINGS.currencyCode, ianaTimezone: SHOP_SETTINGS.timeZone } });
  }

  async function createMessage(shop: string, message: DeliverableMessage, status = "ready"): Promise<void> {
    await t.db.customer.upsert({
      where: { shopId_id: { shopId: shop, id: message.customerId } },
      create: { shopId: shop, id: message.customerId, email: EMAIL, firstName: "Anna", lastName: "River", emailMarketingState: "SUBSCRIBED" },
      update: {},
    });
    await t.db.message.create({
      data: { shopId: shop, id: message.id, runId: "run-1", status, engine: "template", audit: "{}", firstDraftPassed: true, sendAt: SENT_AT, ...storedColumns(message) },
    });
  }

  async function readyMessage(agent: AgentName, overrides: Partial<DeliverableMessage> = {}): Promise<DeliverableMessage> {
    const message = messageFor(agent, { id: `m-${agent}-${n}`, ...overrides });
    await createMessage(shopId, message);
    return message;
  }

  const deliver = (id: string, to: ShopifyTarget = target, shop = shopId) => deliverFlowAndMetafields(t.db, to, { shopId: shop, messageId: id });
  const rows = (id: string, shop = shopId) => t.db.delivery.findMany({ where: { shopId: shop, messageId: id }, orderBy: { channel: "asc" } });
  const json = (text: string | null | undefined): unknown => JSON.parse(text ?? "null");

  it("fires the agent's trigger and sets the metafields over HTTP: the variables are the built payloads, one sent row per channel", async () => {
    const message = await readyMessage("replenishment");
    const outcome = await deliver(message.id);
    expect(outcome).toEqual({
      kind: "delivered",
      flow: { channel: "flow", status: "sent", called: true, error: null },
      metafields: { channel: "metafields", status: "sent", called: true, error: null },
    });

    const [flowCall, metafieldsCall, ...more] = shopify.graphqlCalls;
    expect(more).toEqual([]);
    const flowRequest = buildFlowTriggerPayload(message, SHOP_SETTINGS);
    expect(flowCall?.query).toContain("flowTriggerReceive(handle: $handle, payload: $payload)");
    expect(flowCall?.variables).toEqual(flowRequest);
    expect(flowCall?.variables).toMatchObject({ handle: "replenishment-message", payload: { customer_id: 7001, "Due on": "2026-10-30", Subject: message.draft.subject } });
    expect(metafieldsCall?.query).toContain("metafieldsSet(metafields: $metafields)");
    expect(metafieldsCall?.variables).toEqual(buildCustomerMetafields(message, SHOP_SETTINGS, SENT_AT));

    const [flowRow, metafieldsRow] = await rows(message.id);
    expect(flowRow).toMatchObject({ shopId, channel: "flow", status: "sent" });
    expect(json(flowRow?.payload)).toEqual(flowCall?.variables);
    expect(json(flowRow?.response)).toEqual({ userErrors: [] });
    expect(metafieldsRow).toMatchObject({ shopId, channel: "metafields", status: "sent" });
    expect(json(metafieldsRow?.payload)).toEqual(metafieldsCall?.variables);
    expect(json(metafieldsRow?.response)).toMatchObject({
      userErrors: [],
      metafields: ["latest_message", "recommended_products", "replenishment_due_on"].map((key) => ({ namespace: "app--4242--marketing", key })),
    });

    expect(shopify.flowTriggerCalls).toEqual([flowRequest]);
    expect(shopify.metafields.get(`gid://shopify/Customer/7001 ${METAFIELD_NAMESPACE}.replenishment_due_on`)).toMatchObject({ type: "date", value: "2026-10-30" });
  });

  it("sends nothing about the customer but the id: no email, no name", async () => {
    const message = await readyMessage("loyalty");
    await deliver(message.id);
    const sent = JSON.stringify(shopify.graphqlCalls.map((call) => call.variables));
    expect(shopify.graphqlCalls).toHaveLength(2);
    expect(sent).not.toContain(EMAIL);
    expect(sent).not.toContain("Anna");
    expect(sent).not.toContain("River");
  });

  it("delivering twice calls Shopify once and keeps one row per channel", async () => {
    const message = await readyMessage("cart-intent");
    await deliver(message.id);
    const before = await rows(message.id);
    const second = await deliver(message.id);
    expect(second).toMatchObject({ kind: "delivered", flow: { status: "sent", called: false }, metafields: { status: "sent", called: false } });
    expect(shopify.graphqlCalls).toHaveLength(2);
    expect(shopify.flowTriggerCalls).toHaveLength(1);
    expect(await rows(message.id)).toEqual(before);
    expect(await t.db.delivery.count({ where: { shopId } })).toBe(2);
  });

  it("a metafield whose type differs from its definition fails that channel with Shopify's userErrors and writes nothing; the retry after the fix does not fire Flow again", async () => {
    shopify.metafieldDefinitions.set(`${METAFIELD_NAMESPACE}.points_to_next_reward`, "single_line_text_field");
    const message = await readyMessage("loyalty");
    const first = await deliver(message.id);
    expect(first).toMatchObject({ kind: "delivered", flow: { status: "sent", called: true } });
    if (first.kind !== "delivered") throw new Error("not delivered");
    expect(first.metafields).toMatchObject({ status: "failed", called: true });
    expect(first.metafields.error).toBe(
      "points_to_next_reward (number_integer): INVALID_TYPE metafields.2.type: Type 'number_integer' must be consistent with the definition's type: 'single_line_text_field'.",
    );
    const failed = (await rows(message.id)).find((row) => row.channel === "metafields");
    expect(failed?.status).toBe("failed");
    expect(json(failed?.response)).toMatchObject({ error: first.metafields.error, metafields: null, userErrors: [{ code: "INVALID_TYPE", elementIndex: 2, field: ["metafields", "2", "type"] }] });
    expect(json(failed?.payload)).toEqual(buildCustomerMetafields(message, SHOP_SETTINGS, SENT_AT));
    expect(shopify.metafields.size).toBe(0); // atomic: the valid ones were not written either

    shopify.metafieldDefinitions.set(`${METAFIELD_NAMESPACE}.points_to_next_reward`, "number_integer");
    const retry = await deliver(message.id);
    expect(retry).toMatchObject({ flow: { status: "sent", called: false }, metafields: { status: "sent", called: true, error: null } });
    expect(shopify.flowTriggerCalls).toHaveLength(1);
    expect(shopify.graphqlCalls.map((call) => (call.query.includes("metafieldsSet") ? "metafields" : "flow"))).toEqual(["flow", "metafields", "metafields"]);
    expect(shopify.metafields.get(`gid://shopify/Customer/7001 ${METAFIELD_NAMESPACE}.points_to_next_reward`)?.value).toBe("120");
    expect((await rows(message.id)).map((row) => [row.channel, row.status])).toEqual([
      ["flow", "sent"],
      ["metafields", "sent"],
    ]);
  });

  it("Flow's userErrors fail the flow row with Shopify's message; the metafields still go; the next delivery retries Flow", async () => {
    shopify.flowTriggerUserErrors.push([{ field: ["body"], message: "Trigger is not enabled for this shop" }]);
    const message = await readyMessage("post-purchase");
    expect(await deliver(message.id)).toMatchObject({
      flow: { status: "failed", called: true, error: "body: Trigger is not enabled for this shop" },
      metafields: { status: "sent" },
    });
    const flowRow = (await rows(message.id)).find((row) => row.channel === "flow");
    expect(json(flowRow?.response)).toEqual({ error: "body: Trigger is not enabled for this shop", userErrors: [{ field: ["body"], message: "Trigger is not enabled for this shop" }] });

    expect(await deliver(message.id)).toMatchObject({ flow: { status: "sent", called: true }, metafields: { status: "sent", called: false } });
    expect(shopify.flowTriggerCalls).toHaveLength(1);
  });

  it("a trigger the shop does not have (extension not deployed) fails with Shopify's message", async () => {
    shopify.flowTriggers.delete("bestseller-newsletter-message");
    const message = await readyMessage("bestseller-newsletter");
    expect(await deliver(message.id)).toMatchObject({ flow: { status: "failed", error: "handle: Could not find a trigger with handle 'bestseller-newsletter-message'." } });
  });

  it("GraphQL errors (a throttled request) fail the channel with their message", async () => {
    shopify.graphqlErrors.push([{ message: "Throttled" }]);
    const message = await readyMessage("replenishment");
    expect(await deliver(message.id)).toMatchObject({ flow: { status: "failed", error: "Throttled" }, metafields: { status: "sent" } });
    expect(json((await rows(message.id))[0]?.response)).toEqual({ error: "Throttled", errors: [{ message: "Throttled" }] });
  });

  it("Shopify unreachable: both rows failed with the network error, and the next delivery sends them", async () => {
    const message = await readyMessage("replenishment");
    const closed = await FakeShopify.start();
    const unreachable: ShopifyTarget = { mode: "shopify", graphql: adminGraphqlFrom(closed.adminClient()) };
    await closed.close();
    const outcome = await deliver(message.id, unreachable);
    expect(outcome).toMatchObject({ flow: { status: "failed", called: true }, metafields: { status: "failed", called: true } });
    if (outcome.kind === "delivered") expect(outcome.flow.error).toMatch(/fetch failed/);
    expect((await rows(message.id)).map((row) => row.status)).toEqual(["failed", "failed"]);

    expect(await deliver(message.id)).toMatchObject({ flow: { status: "sent", called: true }, metafields: { status: "sent", called: true } });
  });

  it("a draft edited after sending is sent again, and its row holds the new payload", async () => {
    const message = await readyMessage("replenishment");
    await deliver(message.id);
    const edited = { ...message.draft, subject: "Your cleanser, restocked" };
    await t.db.message.update({ where: { shopId_id: { shopId, id: message.id } }, data: { draft: JSON.stringify(edited) } });
    expect(await deliver(message.id)).toMatchObject({ flow: { status: "sent", called: true }, metafields: { status: "sent", called: true } });
    const flowRow = (await rows(message.id)).find((row) => row.channel === "flow");
    expect(json(flowRow?.payload)).toMatchObject({ payload: { Subject: "Your cleanser, restocked" } });
    expect(shopify.flowTriggerCalls.map((call) => call.payload.Subject)).toEqual([message.draft.subject, "Your cleanser, restocked"]);
  });

  it("demo mode calls nothing and records exactly what would be sent, as skipped with {demo: true}; twice is still one row each", async () => {
    const message = await readyMessage("loyalty");
    const demo: ShopifyTarget = { mode: "demo" };
    const outcome = await deliver(message.id, demo);
    expect(outcome).toEqual({
      kind: "delivered",
      flow: { channel: "flow", status: "skipped", called: false, error: null },
      metafields: { channel: "metafields", status: "skipped", called: false, error: null },
    });
    await deliver(message.id, demo);
    expect(shopify.graphqlCalls).toEqual([]);
    const [flowRow, metafieldsRow] = await rows(message.id);
    expect([flowRow?.status, metafieldsRow?.status]).toEqual(["skipped", "skipped"]);
    expect(json(flowRow?.response)).toEqual({ demo: true });
    expect(json(metafieldsRow?.response)).toEqual({ demo: true });
    expect(json(flowRow?.payload)).toEqual(buildFlowTriggerPayload(message, SHOP_SETTINGS));
    expect(json(metafieldsRow?.payload)).toEqual(buildCustomerMetafields(message, SHOP_SETTINGS, SENT_AT));
    expect(await t.db.delivery.count({ where: { shopId } })).toBe(2);
  });

  it.each(["awaiting-approval", "approved", "edited-approved", "blocked", "rejected", "failed"])("a %s message is not delivered", async (status) => {
    const message = messageFor("replenishment", { id: `m-${status}-${n}` });
    await createMessage(shopId, message, status);
    expect(await deliver(message.id)).toEqual({ kind: "not-deliverable", status });
    expect(shopify.graphqlCalls).toEqual([]);
    expect(await rows(message.id)).toEqual([]);
  });

  it("a sent message is delivered (the email went first)", async () => {
    const message = messageFor("cart-intent", { id: `m-sent-${n}` });
    await createMessage(shopId, message, "sent");
    expect(await deliver(message.id)).toMatchObject({ flow: { status: "sent" }, metafields: { status: "sent" } });
  });

  it("reads and writes only the given shop's rows: another shop's message with the same id is untouched", async () => {
    const otherShop = `${shopId}.other`;
    await createShop(otherShop);
    const id = `m-shared-${n}`;
    await createMessage(otherShop, messageFor("replenishment", { id, draft: { ...messageFor("replenishment").draft, subject: "Other shop's subject" } }));
    await createMessage(shopId, messageFor("replenishment", { id }));

    await deliver(id);
    expect(shopify.flowTriggerCalls.map((call) => call.payload.Subject)).toEqual(["Time to restock your cleanser"]);
    expect(await rows(id, otherShop)).toEqual([]);
    expect((await rows(id)).map((row) => row.shopId)).toEqual([shopId, shopId]);
    expect(await deliver(`m-missing-${n}`)).toEqual({ kind: "not-found" });
    expect(await deliver(id, target, `nowhere-${n}.myshopify.com`)).toEqual({ kind: "not-found" });
  });

  it.each([
    ["redacted", { redactedAt: new Date("2026-11-20T00:00:00Z") }, "the customer's data was redacted"],
    ["deleted", { deletedAt: new Date("2026-11-20T00:00:00Z") }, "the customer was deleted"],
  ])("a %s customer gets nothing: both rows skipped with the reason", async (_label, change, reason) => {
    const message = await readyMessage("loyalty");
    await t.db.customer.update({ where: { shopId_id: { shopId, id: message.customerId } }, data: change });
    expect(await deliver(message.id)).toMatchObject({ flow: { status: "skipped", called: false }, metafields: { status: "skipped", called: false } });
    expect(shopify.graphqlCalls).toEqual([]);
    expect((await rows(message.id)).map((row) => json(row.response))).toEqual([{ skipped: reason }, { skipped: reason }]);
  });

  it("a message whose customer id is not Shopify's fails both channels without calling", async () => {
    const message = await readyMessage("loyalty", { customerId: "c-1" });
    const outcome = await deliver(message.id);
    expect(outcome).toMatchObject({ flow: { status: "failed", called: false }, metafields: { status: "failed", called: false } });
    if (outcome.kind === "delivered") expect(outcome.flow.error).toBe('customer id "c-1" is not a Shopify customer id');
    expect(shopify.graphqlCalls).toEqual([]);
    expect((await rows(message.id)).map((row) => [row.status, row.payload])).toEqual([
      ["failed", "null"],
      ["failed", "null"],
    ]);
  });
});
