import { describe, expect, it } from "vitest";
import { AGENT_NAMES, type AgentName } from "~/domain/agents/contract";
import {
  buildFlowTriggerPayload,
  CUSTOMER_ID_KEY,
  DeliveryPayloadError,
  discountPercent,
  FLOW_TRIGGERS,
  localDate,
  messageProducts,
  numericCustomerId,
  parseDeliverableMessage,
  type FlowFieldValue,
} from "~/domain/delivery/flowPayload";
import { CUSTOMER_ID, FIRST_NAME, messageFor, SHOP, storedColumns } from "./fixtures";

const product = (id: string, title: string, price: number, priceText: string) => ({ id: `gid://shopify/Product/${id}`, title, price, priceText, currencyCode: "USD" });

/** The whole payload each agent's trigger receives for its fixture message (shop in New York, USD). */
const EXPECTED: Record<AgentName, { handle: string; common: Record<string, FlowFieldValue>; own: Record<string, FlowFieldValue> }> = {
  replenishment: {
    handle: "replenishment-message",
    common: {
      Subject: "Time to restock your cleanser",
      "Call to action URL": "https://fern-and-moss.example/products/gentle-cleanser",
      Products: { items: [product("101", "Gentle Cleanser", 18.5, "18.50 USD")] },
      "Product summary": "Gentle Cleanser (18.50 USD)",
      "Discount percent": 10,
    },
    // 03:30 UTC on the 31st is still the 30th in New York.
    own: { "Usual days between purchases": 30, "Days since last purchase": 33, "Days overdue": 3, "Usual quantity": 2, "Last purchased on": "2026-10-01", "Due on": "2026-10-30" },
  },
  "post-purchase": {
    handle: "post-purchase-message",
    common: { Products: { items: [product("202", "Bamboo Brush", 12, "12.00 USD")] }, "Product summary": "Bamboo Brush (12.00 USD)", "Discount percent": 0 },
    own: { Quantity: 1, "Days since purchase": 14, "Supply days": 90, "Purchased on": "2026-11-10", "Runs out on": "2027-02-08" },
  },
  loyalty: {
    handle: "loyalty-message",
    // The draft presents the mask first; the payload keeps the copy's order.
    common: { Products: { items: [product("304", "Clay Mask", 16, "16.00 USD"), product("303", "Rose Oil", 24, "24.00 USD")] }, "Product summary": "Clay Mask (16.00 USD), Rose Oil (24.00 USD)" },
    own: { "Points balance": 380, "Points needed": 120, "Next tier points": 500, "Reward value": 10, "Expiring points": 50, "Points expire on": "2026-12-04" },
  },
  "cart-intent": {
    handle: "cart-intent-message",
    common: { "Call to action URL": "https://fern-and-moss.example/cart", "Discount percent": 5 },
    own: { "Cart total": 39.49, "Item count": 2, "Abandoned on": "2026-11-24" },
  },
  "bestseller-newsletter": {
    handle: "bestseller-newsletter-message",
    common: {
      Products: { items: [product("501", "Oat Soap", 6, "6.00 USD"), product("502", "Cedar Candle", 22, "22.00 USD"), product("503", "Wool Throw", 89, "89.00 USD")] },
    },
    own: { "Product count": 3 },
  },
};

describe("buildFlowTriggerPayload", () => {
  it.each(AGENT_NAMES)("%s: the agent's trigger, the customer reference, the copy and the brief's facts", (agent) => {
    const message = messageFor(agent);
    const request = buildFlowTriggerPayload(message, SHOP);
    const expected = EXPECTED[agent];
    expect(request.handle).toBe(expected.handle);
    expect(request.payload).toMatchObject({
      [CUSTOMER_ID_KEY]: 7001,
      "Message ID": `msg-${agent}`,
      Subject: message.draft.subject,
      Preheader: message.draft.preheader,
      Body: message.draft.paragraphs.join("\n\n"),
      "Call to action label": message.draft.callToAction.label,
      "Call to action URL": message.draft.callToAction.url,
      "Currency code": "USD",
      ...expected.common,
      ...expected.own,
    });
    // Exactly the trigger's fields, in the toml's order, after the customer reference.
    expect(Object.keys(request.payload)).toEqual([CUSTOMER_ID_KEY, ...FLOW_TRIGGERS[agent].fields.map((field) => field.key)]);
    expect(Object.keys(expected.own)).toEqual(FLOW_TRIGGERS[agent].fields.slice(-Object.keys(expected.own).length).map((field) => field.key));
  });

  it.each(AGENT_NAMES)("%s: carries no greeting, first name, sign-off or email address", (agent) => {
    const text = JSON.stringify(buildFlowTriggerPayload(messageFor(agent), SHOP));
    expect(text).not.toContain(FIRST_NAME);
    expect(text).not.toContain("Fern & Moss team");
    expect(text).not.toMatch(/@/);
  });

  it.each(AGENT_NAMES)("%s: is the same built from the stored Message columns (JSON, dates as text)", (agent) => {
    const message = messageFor(agent);
    const parsed = parseDeliverableMessage({ id: message.id, ...storedColumns(message) });
    expect(buildFlowTriggerPayload(parsed, SHOP)).toEqual(buildFlowTriggerPayload(message, SHOP));
  });

  it.each([
    ["a loyalty message about expiring points only", "loyalty", { balance: 80, expiringPoints: 80 }, { pointsExpireAt: new Date("2026-12-01T12:00:00Z") }, { "Points needed": 0, "Next tier points": 0, "Reward value": 0, "Expiring points": 80, "Points expire on": "2026-12-01" }],
    ["a loyalty message about a tier only", "loyalty", { balance: 400, tierPoints: 500, pointsNeeded: 100, rewardMinor: 1500 }, {}, { "Points needed": 100, "Reward value": 15, "Expiring points": 0, "Points expire on": "" }],
    ["a durable product's usage tip", "post-purchase", { quantity: 1, daysSincePurchase: 7 }, { purchasedAt: new Date("2026-11-17T12:00:00Z") }, { "Supply days": 0, "Runs out on": "" }],
  ] as const)("%s: a fact the brief lacks is 0 or empty text", (_label, agent, numbers, deadlines, expected) => {
    const base = messageFor(agent);
    const message = { ...base, brief: { ...base.brief, numbers, deadlines } };
    expect(buildFlowTriggerPayload(message, SHOP).payload).toMatchObject(expected);
  });

  it.each(["c-1", "", "0", "-5", "12.5", "gid://shopify/Customer/1", "123456789012345678901"])("refuses customer id %j (not a Shopify customer id)", (customerId) => {
    expect(() => buildFlowTriggerPayload(messageFor("replenishment", { customerId }), SHOP)).toThrow(DeliveryPayloadError);
  });

  it.each([
    ["7001", 7001],
    ["8123456789012", 8123456789012],
  ])("customer id %s arrives as the number %d", (customerId, expected) => {
    expect(numericCustomerId(customerId)).toBe(expected);
    expect(buildFlowTriggerPayload(messageFor("loyalty", { customerId }), SHOP).payload[CUSTOMER_ID_KEY]).toBe(expected);
  });

  it("uses the given customer id, not the fixture's", () => {
    expect(CUSTOMER_ID).toBe("7001");
    expect(buildFlowTriggerPayload(messageFor("loyalty", { customerId: "42" }), SHOP).payload[CUSTOMER_ID_KEY]).toBe(42);
  });
});

describe("messageProducts", () => {
  const brief = messageFor("bestseller-newsletter").brief;
  it.each([
    ["the draft's order", ["503", "501"], ["503", "501"]],
    ["no product the brief does not price", ["501", "999", "502"], ["501", "502"]],
    ["each product once", ["502", "502", "501"], ["502", "501"]],
    ["the brief's products when the draft names none", [], ["501", "502", "503"]],
  ])("keeps %s", (_label, productIds, expected) => {
    const base = messageFor("bestseller-newsletter");
    const message = { ...base, draft: { ...base.draft, productIds }, brief };
    expect(messageProducts(message, "USD").map((p) => p.id.replace("gid://shopify/Product/", ""))).toEqual(expected);
  });

  it.each([
    ["USD", 1850, 18.5, "18.50 USD"],
    ["JPY", 1850, 1850, "1850 JPY"],
    ["KWD", 18505, 18.505, "18.505 KWD"],
    ["EUR", 5, 0.05, "0.05 EUR"],
  ])("prices in %s: %d minor units -> %d (%s)", (currencyCode, priceMinor, price, priceText) => {
    const base = messageFor("replenishment");
    const message = { ...base, brief: { ...base.brief, products: [{ productId: "101", title: "Gentle Cleanser", priceMinor }] } };
    expect(messageProducts(message, currencyCode)).toEqual([{ id: "gid://shopify/Product/101", title: "Gentle Cleanser", price, priceText, currencyCode }]);
  });
});

describe("localDate", () => {
  it.each([
    ["2026-10-31T03:30:00Z", "UTC", "2026-10-31"],
    ["2026-10-31T03:30:00Z", "America/New_York", "2026-10-30"],
    ["2026-10-31T15:30:00Z", "Pacific/Auckland", "2026-11-01"],
    ["2026-03-29T00:30:00Z", "Europe/Berlin", "2026-03-29"],
    ["2026-12-31T23:59:59Z", "Asia/Tokyo", "2027-01-01"],
  ])("%s in %s is %s", (at, timeZone, expected) => {
    expect(localDate(new Date(at), timeZone)).toBe(expected);
  });
});

describe("discountPercent", () => {
  const brief = messageFor("replenishment").brief;
  it.each([
    [null, 0],
    [0, 0],
    [0.1, 10],
    [0.125, 12.5],
    [0.3333, 33.33],
  ])("discount %s -> %d percent", (discount, expected) => {
    expect(discountPercent({ ...brief, discount })).toBe(expected);
  });
});

describe("parseDeliverableMessage", () => {
  const good = { id: "m-1", ...storedColumns(messageFor("replenishment")) };
  it.each([
    ["an unknown agent", { agent: "win-back" }, /unknown agent "win-back"/],
    ["a draft that is not JSON", { draft: "{" }, /invalid draft/],
    ["a draft without a subject", { draft: JSON.stringify({ ...messageFor("replenishment").draft, subject: "" }) }, /invalid draft/],
    ["a javascript: call to action", { draft: JSON.stringify({ ...messageFor("replenishment").draft, callToAction: { label: "Go", url: "javascript:alert(1)" } }) }, /invalid draft/],
    ["a brief that is not JSON", { brief: "nope" }, /invalid brief/],
    ["a deadline that is not a timestamp", { brief: JSON.stringify({ ...messageFor("replenishment").brief, deadlines: { usualRepurchaseAt: "soon" } }) }, /invalid brief/],
    ["a discount above 100%", { brief: JSON.stringify({ ...messageFor("replenishment").brief, discount: 1.5 }) }, /invalid brief/],
  ])("rejects %s", (_label, change, error) => {
    expect(() => parseDeliverableMessage({ ...good, ...change })).toThrow(error);
  });

  it("reads a stored message, deadlines back as Dates", () => {
    const parsed = parseDeliverableMessage(good);
    expect(parsed).toMatchObject({ id: "m-1", agent: "replenishment", customerId: "7001" });
    expect(parsed.brief.deadlines.usualRepurchaseAt).toEqual(new Date("2026-10-31T03:30:00Z"));
  });
});

describe("FLOW_TRIGGERS", () => {
  const triggers = Object.values(FLOW_TRIGGERS);
  it("has one trigger per agent, with distinct handles", () => {
    expect(triggers.map((t) => t.agent).sort()).toEqual([...AGENT_NAMES].sort());
    expect(new Set(triggers.map((t) => t.handle)).size).toBe(AGENT_NAMES.length);
  });

  it.each(triggers.map((t) => [t.agent, t] as const))("%s: a handle Shopify accepts, field keys Flow accepts", (_agent, trigger) => {
    // Handles: at most 30 characters, alphanumeric and hyphens. Trigger field keys: letters and spaces.
    expect(trigger.handle).toMatch(/^[a-z0-9-]{1,30}$/);
    for (const field of trigger.fields) expect(field.key).toMatch(/^[A-Za-z][A-Za-z ]*$/);
    expect(new Set(trigger.fields.map((f) => f.key)).size).toBe(trigger.fields.length);
    expect(trigger.name).toMatch(/^[A-Z][a-z ]+$/);
  });
});
