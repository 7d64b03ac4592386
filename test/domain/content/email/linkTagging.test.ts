import { describe, expect, it } from "vitest";
import { tagUrl } from "~/domain/content/email";

const TAGS = { campaign: "loyalty", content: "loyalty/loyalty-tier-gap/b@1", decisionToken: "abc.DEF-_" };
const SUFFIX = "utm_source=autonomous-marketing&utm_medium=email&utm_campaign=loyalty&utm_content=loyalty%2Floyalty-tier-gap%2Fb%401&am_d=abc.DEF-_";

describe("tagUrl: UTM parameters and the decision token, the URL's own parameters kept", () => {
  it.each([
    { url: "https://shop.example/products/soap", expected: `https://shop.example/products/soap?${SUFFIX}` },
    { url: "https://shop.example/", expected: `https://shop.example/?${SUFFIX}` },
    { url: "https://shop.example/cart?note=hi&qty=2", expected: `https://shop.example/cart?note=hi&qty=2&${SUFFIX}` },
    { url: "https://shop.example/p?x=1#reviews", expected: `https://shop.example/p?x=1&${SUFFIX}#reviews` },
    { url: "https://shop.example/p?utm_source=fb&utm_medium=cpc&am_d=forged&keep=1", expected: `https://shop.example/p?utm_source=autonomous-marketing&utm_medium=email&am_d=abc.DEF-_&keep=1&utm_campaign=loyalty&utm_content=loyalty%2Floyalty-tier-gap%2Fb%401` },
    { url: "http://shop.example/collections/all?sort_by=price-ascending", expected: `http://shop.example/collections/all?sort_by=price-ascending&${SUFFIX}` },
    { url: "https://shop.example/products/caf%C3%A9", expected: `https://shop.example/products/caf%C3%A9?${SUFFIX}` },
  ])("$url", ({ url, expected }) => {
    expect(tagUrl(url, TAGS)).toBe(expected);
  });

  it.each(["javascript:alert(1)", "mailto:a@b.example", "data:text/html,hi", "/relative/path", "not a url"])("refuses %s", (url) => {
    expect(() => tagUrl(url, TAGS)).toThrow();
  });
});
