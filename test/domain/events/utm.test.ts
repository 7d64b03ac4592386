import { describe, expect, it } from "vitest";
import { NO_UTM, parseUtm, type Utm } from "~/domain/events/utm";

const utm = (values: Partial<Utm>): Utm => ({ ...NO_UTM, ...values });

describe("parseUtm", () => {
  it.each([
    { landing: "/products/serum?utm_source=google&utm_medium=cpc&utm_campaign=spring_sale&utm_content=ad1&utm_term=vitamin+c", expected: { source: "google", medium: "cpc", campaign: "spring_sale", content: "ad1", term: "vitamin c" } },
    { landing: "https://www.demo-botanics.example/collections/all?utm_source=Newsletter&utm_medium=Email", expected: { source: "newsletter", medium: "email" } },
    { landing: "/?utm_campaign=summer%20sale%202025&utm_source=facebook", expected: { campaign: "summer sale 2025", source: "facebook" } },
    { landing: "/?utm_source=a%2Bb+c", expected: { source: "a+b c" } },
    { landing: "/?utm_source=%20%20Instagram%20%20", expected: { source: "instagram" } },
    { landing: "/?utm_source=caf%C3%A9", expected: { source: "café" } },
    { landing: "/?utm_source=google#utm_medium=cpc", expected: { source: "google" } },
    { landing: "/?utm_source=google&utm_source=bing", expected: { source: "google" } },
    { landing: "/?gclid=abc&fbclid=def&ref=x", expected: {} },
    { landing: "/?utm_source=&utm_medium=%20", expected: {} },
    { landing: "/?UTM_SOURCE=google", expected: {} },
    { landing: "/?utm_source=%E0%A4%A", expected: { source: "\ufffd%a" } },
    { landing: "/?utm_source", expected: {} },
    { landing: "?utm_source=direct_query", expected: { source: "direct_query" } },
  ])("$landing", ({ landing, expected }) => {
    expect(parseUtm(landing)).toEqual(utm(expected));
  });

  it.each([null, undefined, "", "/products/serum", "https://shop.example/", "not a url at all"])("%j has no UTM", (landing) => {
    expect(parseUtm(landing)).toEqual(NO_UTM);
  });

  it("caps values at 120 characters after trimming and lower-casing", () => {
    const parsed = parseUtm(`/?utm_campaign=${"A".repeat(500)}`);
    expect(parsed.campaign).toBe("a".repeat(120));
  });
});
