import { describe, expect, it } from "vitest";
import { cartTokenFromPixelCartId } from "~/demo/generator";
import { NOW, sampleStore } from "./support/demoStore";

const { store, histories } = sampleStore(1500);
const anonymous = [...store.anonymousVisitors()];
const carts = [...histories.flatMap((h) => h.carts), ...anonymous.flatMap((a) => a.carts)];
const checkouts = histories.flatMap((h) => h.checkouts);
const HOUR = 3_600_000;
const ageHours = (time: string) => (NOW.getTime() - Date.parse(time)) / HOUR;

describe("carts and checkouts", () => {
  it("sends carts without a customer and with id equal to token", () => {
    for (const version of carts.flat()) {
      expect(version).not.toHaveProperty("customer");
      expect(version.id).toBe(version.token);
      for (const line of version.line_items) expect(Number(line.line_price)).toBeCloseTo(Number(line.price) * line.quantity, 2);
    }
  });

  it("updates the same cart over time with growing contents", () => {
    for (const versions of carts) {
      const times = versions.map((v) => Date.parse(v.updated_at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(versions.map((v) => v.token)).size).toBe(1);
      const quantities = versions.map((v) => v.line_items.reduce((sum, l) => sum + l.quantity, 0));
      expect(quantities).toEqual([...quantities].sort((a, b) => a - b));
    }
    expect(carts.filter((versions) => versions.length >= 3 && (versions.at(-1)?.line_items.length ?? 0) > (versions[0]?.line_items.length ?? 0)).length).toBeGreaterThan(20);
  });

  it("keys checkouts by token with no numeric id, tied to a cart", () => {
    const cartTokens = new Set(carts.map((versions) => versions[0]?.token));
    for (const version of checkouts.flat()) {
      expect(version).not.toHaveProperty("id");
      expect(cartTokens).toContain(version.cart_token);
      expect(version.abandoned_checkout_url).toContain(version.token);
      expect(version.customer?.id).toBeTypeOf("number");
    }
  });

  it("has completed, abandoned and still-active baskets near now", () => {
    const completed = checkouts.filter((versions) => versions.at(-1)?.completed_at);
    const abandoned = checkouts.filter((versions) => !versions.at(-1)?.completed_at && ageHours(versions.at(-1)?.updated_at ?? "") > 3);
    const completedCartTokens = new Set(checkouts.flatMap((versions) => (versions.at(-1)?.completed_at ? [versions[0]?.cart_token] : [])));
    const activeCarts = carts.filter((versions) => ageHours(versions.at(-1)?.updated_at ?? "") < 1 && !completedCartTokens.has(versions[0]?.token ?? null));
    expect(completed.length).toBeGreaterThan(100);
    expect(abandoned.length).toBeGreaterThan(50);
    expect(abandoned.filter((versions) => ageHours(versions.at(-1)?.updated_at ?? "") < 72).length).toBeGreaterThan(5);
    expect(activeCarts.length).toBeGreaterThan(0);
    expect(carts.flat().every((v) => ageHours(v.updated_at) >= 0)).toBe(true);
  });

  it("matches every completed checkout to an order with the same tokens and totals", () => {
    for (const h of histories) {
      for (const versions of h.checkouts) {
        const last = versions.at(-1);
        if (!last?.completed_at) continue;
        const order = h.orders.find((o) => o.checkout_token === last.token);
        expect(order?.cart_token).toBe(last.cart_token);
        expect(order?.total_price).toBe(last.total_price);
        const contents = (lines: readonly { variant_id: number | null; quantity: number }[] = []) =>
          lines.map((l) => `${l.variant_id}x${l.quantity}`).sort();
        expect(contents(last.line_items)).toEqual(contents(order?.line_items));
        expect(Date.parse(last.completed_at)).toBe(Date.parse(order?.created_at ?? ""));
      }
    }
  });

  it("links carts to pixel client ids through cart_viewed and checkout events", () => {
    const sessions = [...histories.flatMap((h) => h.sessions), ...anonymous.flatMap((a) => a.sessions)];
    const viewedTokens = new Set(
      sessions.flatMap((s) => s.events.flatMap((e) => (e.name === "cart_viewed" ? [cartTokenFromPixelCartId(e.data.cart.id)] : []))),
    );
    const cartTokens = new Set(carts.map((versions) => versions[0]?.token));
    expect(viewedTokens.size).toBeGreaterThan(100);
    for (const token of viewedTokens) expect(cartTokens).toContain(token);
    const checkoutTokens = new Set(checkouts.map((versions) => versions[0]?.token));
    const startedTokens = sessions.flatMap((s) => s.events.flatMap((e) => (e.name === "checkout_started" ? [e.data.checkout.token] : [])));
    expect(startedTokens.length).toBeGreaterThan(100);
    for (const token of startedTokens) expect(checkoutTokens).toContain(token);
  });
});
