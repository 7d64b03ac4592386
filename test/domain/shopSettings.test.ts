import { describe, expect, it } from "vitest";
import { DEFAULT_SHOP_SETTINGS, parseShopSettings } from "~/domain/shop/shopSettings";

describe("parseShopSettings", () => {
  it("fills every default from an empty document", () => {
    expect(parseShopSettings("{}")).toEqual(DEFAULT_SHOP_SETTINGS);
    expect(DEFAULT_SHOP_SETTINGS.abandonmentDelayMinutes).toBe(60);
    expect(DEFAULT_SHOP_SETTINGS.loyaltyRule.rewardTiers.map((t) => t.points)).toEqual([250, 500, 1000]);
  });

  it("keeps what was set", () => {
    expect(parseShopSettings('{"abandonmentDelayMinutes":240}').abandonmentDelayMinutes).toBe(240);
  });

  it.each([
    ["not json", /not valid JSON/],
    ['{"abandonmentDelayMinutes":1}', /abandonmentDelayMinutes/],
    ['{"loyaltyRule":{"rewardTiers":[{"name":"a","points":10,"rewardMinor":1},{"name":"b","points":10,"rewardMinor":2}]}}', /distinct point thresholds/],
  ])("rejects %s with a message naming the problem", (json, message) => {
    expect(() => parseShopSettings(json)).toThrow(message);
  });
});
