import { describe, expect, it } from "vitest";
import { AGENT_NAMES, type AgentName } from "~/domain/agents/contract";
import { DeliveryPayloadError } from "~/domain/delivery/flowPayload";
import { buildCustomerMetafields, CUSTOMER_METAFIELDS, METAFIELD_NAMESPACE, type LatestMessageValue } from "~/domain/delivery/metafieldPayload";
import { FIRST_NAME, messageFor, SHOP } from "./fixtures";

const SENT_AT = new Date("2026-11-25T14:00:00Z");

/** The metafields each agent's fixture message writes besides latest_message (key -> value). */
const EXPECTED: Record<AgentName, Record<string, string>> = {
  replenishment: {
    recommended_products: '["gid://shopify/Product/101"]',
    // Due 2026-10-31T03:30Z: the 30th in the shop's time zone (New York).
    replenishment_due_on: "2026-10-30",
  },
  "post-purchase": { recommended_products: '["gid://shopify/Product/202"]' },
  loyalty: { recommended_products: '["gid://shopify/Product/304","gid://shopify/Product/303"]', points_to_next_reward: "120" },
  "cart-intent": { recommended_products: '["gid://shopify/Product/404","gid://shopify/Product/405"]' },
  "bestseller-newsletter": { recommended_products: '["gid://shopify/Product/501","gid://shopify/Product/502","gid://shopify/Product/503"]' },
};

const typeOf = (key: string) => CUSTOMER_METAFIELDS.find((definition) => definition.key === key)?.type;

describe("buildCustomerMetafields", () => {
  it.each(AGENT_NAMES)("%s: latest_message and the facts this kind of message has, on the customer, in $app:marketing", (agent) => {
    const { metafields } = buildCustomerMetafields(messageFor(agent), SHOP, SENT_AT);
    expect(metafields.map((m) => m.key)).toEqual(["latest_message", ...Object.keys(EXPECTED[agent])]);
    for (const metafield of metafields) {
      expect(metafield).toMatchObject({ ownerId: "gid://shopify/Customer/7001", namespace: METAFIELD_NAMESPACE, type: typeOf(metafield.key) });
    }
    expect(Object.fromEntries(metafields.slice(1).map((m) => [m.key, m.value]))).toEqual(EXPECTED[agent]);
  });

  it.each(AGENT_NAMES)("%s: latest_message holds the copy, the products and no greeting or first name", (agent) => {
    const message = messageFor(agent);
    const [latest] = buildCustomerMetafields(message, SHOP, SENT_AT).metafields;
    const value = JSON.parse(latest?.value ?? "null") as LatestMessageValue;
    expect(value).toMatchObject({
      messageId: message.id,
      agent,
      subject: message.draft.subject,
      preheader: message.draft.preheader,
      body: message.draft.paragraphs.join("\n\n"),
      callToAction: message.draft.callToAction,
      sentAt: "2026-11-25T14:00:00.000Z",
    });
    expect(value.products.map((p) => p.id)).toEqual(JSON.parse(EXPECTED[agent].recommended_products ?? "[]"));
    expect(latest?.value).not.toContain(FIRST_NAME);
    expect(latest?.value).not.toContain("greeting");
  });

  it.each([
    ["USD", 1850, "18.50"],
    ["JPY", 1850, "1850"],
    ["BHD", 1850, "1.850"],
  ])("latest_message prices in %s are exact decimals (%d minor units -> %s)", (currencyCode, priceMinor, price) => {
    const base = messageFor("replenishment");
    const message = { ...base, brief: { ...base.brief, products: [{ productId: "101", title: "Gentle Cleanser", priceMinor }] } };
    const value = JSON.parse(buildCustomerMetafields(message, { ...SHOP, currencyCode }, null).metafields[0]?.value ?? "null") as LatestMessageValue;
    expect(value.products).toEqual([{ id: "gid://shopify/Product/101", title: "Gentle Cleanser", price, currencyCode }]);
    expect(value.sentAt).toBeNull();
  });

  it.each([
    ["points still needed, rounded up", 119.2, "120"],
    ["none left (already at the tier)", 0, "0"],
    ["a negative gap, floored at zero", -5, "0"],
  ])("points_to_next_reward: %s", (_label, pointsNeeded, expected) => {
    const base = messageFor("loyalty");
    const message = { ...base, brief: { ...base.brief, numbers: { ...base.brief.numbers, pointsNeeded } } };
    expect(buildCustomerMetafields(message, SHOP, null).metafields.find((m) => m.key === "points_to_next_reward")?.value).toBe(expected);
  });

  it.each([
    ["a loyalty message with no tier", "loyalty", "pointsNeeded", "points_to_next_reward"],
    ["a replenishment message with no due date", "replenishment", "usualRepurchaseAt", "replenishment_due_on"],
  ] as const)("leaves out what %s lacks", (_label, agent, fact, key) => {
    const base = messageFor(agent);
    const numbers = Object.fromEntries(Object.entries(base.brief.numbers).filter(([name]) => name !== fact));
    const deadlines = Object.fromEntries(Object.entries(base.brief.deadlines).filter(([name]) => name !== fact));
    const message = { ...base, brief: { ...base.brief, numbers, deadlines } };
    expect(buildCustomerMetafields(message, SHOP, null).metafields.map((m) => m.key)).not.toContain(key);
  });

  it.each([
    ["another agent's pointsNeeded", "cart-intent", { pointsNeeded: 50 }, "points_to_next_reward"],
    ["another agent's due date", "post-purchase", { usualRepurchaseAt: new Date("2026-12-01T00:00:00Z") }, "replenishment_due_on"],
  ] as const)("writes no %s", (_label, agent, extra, key) => {
    const base = messageFor(agent);
    const message =
      "pointsNeeded" in extra
        ? { ...base, brief: { ...base.brief, numbers: { ...base.brief.numbers, ...extra } } }
        : { ...base, brief: { ...base.brief, deadlines: { ...base.brief.deadlines, ...extra } } };
    expect(buildCustomerMetafields(message, SHOP, null).metafields.map((m) => m.key)).not.toContain(key);
  });

  it("writes no recommended_products for a message that names none", () => {
    const base = messageFor("loyalty");
    const message = { ...base, draft: { ...base.draft, productIds: [] }, brief: { ...base.brief, products: [] } };
    expect(buildCustomerMetafields(message, SHOP, null).metafields.map((m) => m.key)).toEqual(["latest_message", "points_to_next_reward"]);
  });

  it.each(["c-1", "", "gid://shopify/Customer/7001"])("refuses customer id %j", (customerId) => {
    expect(() => buildCustomerMetafields(messageFor("loyalty", { customerId }), SHOP, null)).toThrow(DeliveryPayloadError);
  });

  it("declares each key once, in types metafieldsSet accepts for what the builder writes", () => {
    expect(new Set(CUSTOMER_METAFIELDS.map((d) => d.key)).size).toBe(CUSTOMER_METAFIELDS.length);
    for (const definition of CUSTOMER_METAFIELDS) expect(definition.key).toMatch(/^[a-z_]{2,64}$/);
    expect(METAFIELD_NAMESPACE).toBe("$app:marketing");
  });
});
