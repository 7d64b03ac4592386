import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, defaultPolicyText, formatPath, parsePolicy, PolicyDocument } from "~/domain/governance/policy";

const v1 = (document: Record<string, unknown>) => JSON.stringify({ version: 1, ...document });

function errorsOf(text: string) {
  const result = parsePolicy(text);
  if (result.ok) throw new Error("expected the policy to be rejected");
  return result.errors;
}

describe("parsePolicy: the defaults", () => {
  it("accepts the default policy's own JSON and gives it back unchanged", () => {
    const result = parsePolicy(defaultPolicyText());
    expect(result).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it("fills every section left out with the defaults (leaving a section out never switches its rules off)", () => {
    const result = parsePolicy('{"version": 1}');
    expect(result.ok && result.policy).toEqual(DEFAULT_POLICY);
  });

  it("keeps what the merchant wrote and defaults the rest of the same section", () => {
    const result = parsePolicy(v1({ suppression: { maxPerWeek: 5 } }));
    expect(result.ok && result.policy.suppression).toEqual({ ...DEFAULT_POLICY.suppression, maxPerWeek: 5 });
  });

  it("DEFAULT_POLICY cannot be loosened in place", () => {
    expect(() => {
      (DEFAULT_POLICY.margin as { maxDiscount: number }).maxDiscount = 0.9;
    }).toThrow(TypeError);
    expect(() => (DEFAULT_POLICY.voice.rules as unknown[]).pop()).toThrow(TypeError);
    expect(DEFAULT_POLICY.margin.maxDiscount).toBe(0.3);
  });

  it("the schema's inferred type is what parse returns", () => {
    expect(PolicyDocument.parse({ version: 1 })).toEqual(DEFAULT_POLICY);
  });
});

describe("parsePolicy: text that is not JSON", () => {
  it.each([
    { name: "a trailing comma", text: '{\n  "version": 1,\n}', line: 3, column: 1 },
    { name: "a missing comma", text: '{\n  "version": 1\n  "margin": {}\n}', line: 3, column: 3 },
    { name: "an unclosed object", text: '{\n  "version": 1,\n  "margin": {', line: 3, column: 14 },
    { name: "a single-quoted key", text: "{'version': 1}", line: 1, column: 2 },
  ])("$name: reports the line and column", ({ text, line, column }) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe("");
    expect(errors[0]?.message).toContain(`Invalid JSON at line ${line}, column ${column}:`);
  });

  it.each([
    { name: "empty text", text: "   ", message: /The policy is empty/ },
    { name: "an unquoted word", text: "{\"version\": tru}", message: /^Invalid JSON/ },
  ])("$name: a clear message", ({ text, message }) => {
    expect(errorsOf(text)[0]?.message).toMatch(message);
  });
});

describe("parsePolicy: versions", () => {
  it.each([
    { name: "no version", text: "{}", message: /Add "version": 1/ },
    { name: "a newer version", text: '{"version": 2}', message: /version 2, newer than this app understands \(1\)/ },
    { name: "a version that is not a number", text: '{"version": "1"}', message: /whole number/ },
    { name: "an array", text: "[1]", message: /A policy is a JSON object/ },
  ])("$name is rejected at path version", ({ text, message }) => {
    const errors = errorsOf(text);
    expect(errors).toEqual([{ path: "version", message: expect.stringMatching(message) }]);
  });
});

describe("parsePolicy: schema errors name the path to fix", () => {
  it.each([
    { name: "a cap written as a percent", doc: { margin: { rules: [{ when: {}, maxDiscount: 0.1 }, { when: {}, maxDiscount: 10 }] } }, path: "margin.rules[1].maxDiscount", message: /0\.1 means 10%/ },
    { name: "a collection cap above 100%", doc: { margin: { collectionCaps: [{ categoryPrefix: "Tea", maxDiscount: 1.5 }] } }, path: "margin.collectionCaps[0].maxDiscount", message: /1 \(100%\) is the most/ },
    { name: "a negative objective budget", doc: { margin: { objectiveBudgets: { "*": -100 } } }, path: 'margin.objectiveBudgets["*"]', message: /cannot be negative/ },
    { name: "a negative named budget", doc: { margin: { objectiveBudgets: { spring: -1 } } }, path: "margin.objectiveBudgets.spring", message: /cannot be negative/ },
    { name: "a misspelt key", doc: { margin: { maxDiscont: 0.2 } }, path: "margin.maxDiscont", message: /Unknown field "maxDiscont"/ },
    { name: "an unknown agent", doc: { suppression: { recentPurchaseHoursByAgent: { "post-purchase": 0, newsletter: 0 } } }, path: "suppression.recentPurchaseHoursByAgent.newsletter", message: /Unknown field/ },
    { name: "a bad scope", doc: { voice: { rules: [{ scope: "collection:Tea" }] } }, path: "voice.rules[0].scope", message: /A scope is "\*"/ },
    { name: "a lower-case country", doc: { jurisdiction: { restrictedRegions: ["ch"] } }, path: "jurisdiction.restrictedRegions[0]", message: /two-letter ISO country code/ },
    { name: "a 12-hour clock", doc: { suppression: { quietHours: { start: "9pm", end: "08:00" } } }, path: "suppression.quietHours.start", message: /24-hour/ },
    { name: "a zero weekly cap", doc: { suppression: { maxPerWeek: 0 } }, path: "suppression.maxPerWeek", message: /at least one/ },
    { name: "an empty banned phrase", doc: { voice: { rules: [{ bannedPhrases: ["  "] }] } }, path: "voice.rules[0].bannedPhrases[0]", message: /cannot be empty/ },
    { name: "a decimal pCLV threshold", doc: { margin: { rules: [{ when: { pclvBelowMinor: 99.5 }, maxDiscount: 0.1 }] } }, path: "margin.rules[0].when.pclvBelowMinor", message: /whole minor units/ },
  ])("$name -> $path", ({ doc, path, message }) => {
    const errors = errorsOf(v1(doc));
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("reports every schema error at once, not just the first", () => {
    const errors = errorsOf(v1({ margin: { maxDiscount: 2, onExceed: "shrug" }, suppression: { bounceDays: -1 } }));
    expect(errors.map((e) => e.path).sort()).toEqual(["margin.maxDiscount", "margin.onExceed", "suppression.bounceDays"]);
  });
});

describe("parsePolicy: contradictions", () => {
  it.each([
    {
      name: "a banned word that is also required",
      doc: { voice: { rules: [{ bannedPhrases: ["cheap"] }, { scope: "vendor:Acme", requiredPhrases: ["Cheap and cheerful"] }] } },
      path: "voice.rules[1].requiredPhrases[0]",
      message: /required but the voice rejects it: "Cheap" is a banned phrase \(voice\.rules\[0\]\)/,
    },
    {
      name: "a required emoji where emoji are banned",
      doc: { voice: { rules: [{ noEmoji: true, requiredPhrases: ["Made with ❤️"] }] } },
      path: "voice.rules[0].requiredPhrases[0]",
      message: /no emoji/,
    },
    {
      name: "required slang where slang is banned",
      doc: { voice: { rules: [{ noSlang: true, extraSlang: ["deets"], requiredPhrases: ["the deets"] }] } },
      path: "voice.rules[0].requiredPhrases[0]",
      message: /slang/,
    },
    {
      name: "a required contraction where none are allowed",
      doc: { voice: { rules: [{ contractions: "none", requiredPhrases: ["Don't miss out"] }] } },
      path: "voice.rules[0].requiredPhrases[0]",
      message: /contraction/,
    },
    {
      name: "the same pCLV band with two caps",
      doc: { margin: { rules: [{ when: { pclvBelowMinor: 50_000 }, maxDiscount: 0.1 }, { when: { pclvBelowMinor: 50_000 }, maxDiscount: 0.2 }] } },
      path: "margin.rules[1].maxDiscount",
      message: /margin\.rules\[0\] covers exactly the same shoppers/,
    },
    {
      name: "a band that can never apply",
      doc: { margin: { rules: [{ when: { pclvAtLeastMinor: 5_000, pclvBelowMinor: 5_000 }, maxDiscount: 0.1 }] } },
      path: "margin.rules[0].when",
      message: /can never apply/,
    },
    {
      name: "an unknown-pCLV rule with a band",
      doc: { margin: { rules: [{ when: { pclvUnknown: true, pclvBelowMinor: 5_000 }, maxDiscount: 0.1 }] } },
      path: "margin.rules[0].when.pclvUnknown",
      message: /cannot also name a pCLV band/,
    },
    {
      name: "one collection capped twice, written two ways",
      doc: { margin: { collectionCaps: [{ categoryPrefix: "Skin care > Serums", maxDiscount: 0.1 }, { categoryPrefix: "skin care>serums", maxDiscount: 0.2 }] } },
      path: "margin.collectionCaps[1].maxDiscount",
      message: /already capped differently/,
    },
    {
      name: "quiet hours that start when they end",
      doc: { suppression: { quietHours: { start: "22:00", end: "22:00" } } },
      path: "suppression.quietHours",
      message: /null for no quiet hours/,
    },
    {
      name: "a daily cap above the weekly cap",
      doc: { suppression: { maxPerDay: 4, maxPerWeek: 3 } },
      path: "suppression.maxPerDay",
      message: /4 a day is more than the 3 a week/,
    },
    {
      name: "email on an allowlist",
      doc: { jurisdiction: { defaultAllowlist: ["firstName", "locale", "categories", "loyaltyPoints", "loyaltyTier", "email"] } },
      path: "jurisdiction.defaultAllowlist[5]",
      message: /contact details never go to a prompt/,
    },
    {
      name: "a shipping address on the restricted allowlist",
      doc: { jurisdiction: { restrictedAllowlist: ["firstName", "shippingAddress"] } },
      path: "jurisdiction.restrictedAllowlist[1]",
      message: /contact detail/,
    },
    {
      name: "an EU allowlist wider than everyone else's",
      doc: { jurisdiction: { restrictedAllowlist: ["firstName", "orderHistory"] } },
      path: "jurisdiction.restrictedAllowlist[1]",
      message: /must be the stricter one/,
    },
  ])("$name", ({ doc, path, message }) => {
    expect(errorsOf(v1(doc))).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it.each([
    { name: "nested pCLV bands (strictest wins at evaluation)", doc: { margin: { rules: [{ when: { pclvBelowMinor: 10_000 }, maxDiscount: 0.1 }, { when: { pclvBelowMinor: 50_000 }, maxDiscount: 0.2 }] } } },
    { name: "the same band twice with the same cap", doc: { margin: { rules: [{ when: { pclvBelowMinor: 1 }, maxDiscount: 0.1 }, { when: { pclvBelowMinor: 1 }, maxDiscount: 0.1 }] } } },
    { name: "the same band for different agents", doc: { margin: { rules: [{ when: { pclvBelowMinor: 1, agents: ["loyalty"] }, maxDiscount: 0.1 }, { when: { pclvBelowMinor: 1 }, maxDiscount: 0.2 }] } } },
    { name: "a banned word inside a longer required word", doc: { voice: { rules: [{ bannedPhrases: ["free"], requiredPhrases: ["freedom"] }] } } },
    { name: "a banned phrase longer than the required one", doc: { voice: { rules: [{ bannedPhrases: ["free gift"], requiredPhrases: ["free"] }] } } },
    { name: "no quiet hours (null)", doc: { suppression: { quietHours: null } } },
  ])("not a contradiction: $name", ({ doc }) => {
    expect(parsePolicy(v1(doc)).ok).toBe(true);
  });

  it("lists every contradiction, not just the first", () => {
    const errors = errorsOf(v1({ suppression: { maxPerDay: 9, quietHours: { start: "01:00", end: "01:00" } }, voice: { rules: [{ bannedPhrases: ["sale"], requiredPhrases: ["Sale"] }] } }));
    expect(errors.map((e) => e.path)).toEqual(["voice.rules[0].requiredPhrases[0]", "suppression.quietHours", "suppression.maxPerDay"]);
  });
});

describe("formatPath", () => {
  it.each([
    { path: ["margin", "rules", 1, "maxDiscount"], expected: "margin.rules[1].maxDiscount" },
    { path: ["margin", "objectiveBudgets", "*"], expected: 'margin.objectiveBudgets["*"]' },
    { path: ["suppression", "recentPurchaseHoursByAgent", "post-purchase"], expected: 'suppression.recentPurchaseHoursByAgent["post-purchase"]' },
    { path: [], expected: "" },
  ])("$expected", ({ path, expected }) => {
    expect(formatPath(path)).toBe(expected);
  });
});
