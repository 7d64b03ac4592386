import { describe, expect, it } from "vitest";
import { cartTokenFromPixelCartId } from "~/domain/events/cartToken";

describe("cartTokenFromPixelCartId", () => {
  it.each([
    ["gid://shopify/Cart/Z2NwLXVzLWVhc3QxOjAxSjk?key=abc123", "Z2NwLXVzLWVhc3QxOjAxSjk"],
    ["gid://shopify/Cart/c1-7a3b", "c1-7a3b"],
    ["c1-7a3b", "c1-7a3b"],
  ])("%s -> %s", (input, expected) => {
    expect(cartTokenFromPixelCartId(input)).toBe(expected);
  });
});
