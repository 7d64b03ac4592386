import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, defaultPolicyText } from "~/domain/governance/policy";
import { parseShopSettings } from "~/domain/shop/shopSettings";
import { autonomyToFields, type AutonomyFormFields } from "~/services/governance/governanceForms";
import { loadGovernanceSettings, saveAutonomySettings, saveBrandVoice } from "~/services/governance/governanceSettings.server";
import { policyHistory, policyInForce, savePolicy } from "~/services/governance/policyStore.server";
import { createObjective, setObjectiveActive, type ObjectiveInput } from "~/services/planning/objectives.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { createGovernanceShop } from "../support/governanceMessages";

const A = "shop-a.myshopify.com";
const JPY_SHOP = "yen.myshopify.com";

const GROWTH: ObjectiveInput = { goal: "grow-repeat-revenue", target: null, horizonDays: 90, messagesPerShopperPerWeek: 2, discountBudgetMinor: 50_000, agentsAllowed: ["replenishment", "loyalty"] };

const fields = (overrides: Partial<AutonomyFormFields> = {}): AutonomyFormFields => ({
  defaultLevel: "supervised",
  agents: { replenishment: "", "post-purchase": "", loyalty: "assisted", "cart-intent": "autonomous", "bestseller-newsletter": "" },
  objectives: {},
  discountAbovePercent: "12.5",
  pclvAbove: "250.00",
  expectedValueAbove: "",
  firstMessageToShopper: true,
  llmWrittenCopy: false,
  ...overrides,
});

/**
 * The Policies page's services on both databases: a policy that does not parse or contradicts
 * itself leaves the version in force; autonomy and brand voice round-trip through the shop's
 * settings without touching any other setting, and invalid values are refused field by field.
 */
describe.each(DATABASE_KINDS)("governance settings on %s", (kind) => {
  let t: TestDatabase;
  let objectiveId: string;
  let pausedId: string;
  const storedSettings = async (shopId = A) => (await t.db.shop.findUniqueOrThrow({ where: { id: shopId } })).settings;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await createGovernanceShop(t.db, A);
    await t.db.shop.create({ data: { id: JPY_SHOP, currencyCode: "JPY" } });
    // Settings another feature owns, and a key this version does not know: both must survive every save.
    await t.db.shop.update({ where: { id: A }, data: { settings: JSON.stringify({ abandonmentDelayMinutes: 90, futureFeature: { on: true } }) } });
    // Ids in creation order, so the list's order (created, then id) is fixed even within one millisecond.
    objectiveId = (await createObjective(t.db, A, GROWTH, "objective-1")).id;
    pausedId = (await createObjective(t.db, A, { ...GROWTH, goal: "recover-carts", agentsAllowed: ["cart-intent"] }, "objective-2")).id;
  }, 120_000);
  afterAll(() => t?.drop());

  it("starts on the default policy, saves a valid one as version 1 with who saved it", async () => {
    const view = await loadGovernanceSettings(t.db, A);
    expect(view.policy).toEqual({ text: defaultPolicyText(), version: null, savedBy: null, savedAt: null });
    const text = JSON.stringify({ version: 1, suppression: { maxPerDay: 1, maxPerWeek: 3 } });
    expect(await savePolicy(t.db, A, text, "ana@shop-a.example")).toEqual({ ok: true, version: 1 });
    const saved = await loadGovernanceSettings(t.db, A);
    expect(saved.policy).toMatchObject({ version: 1, savedBy: "ana@shop-a.example" });
    expect(JSON.parse(saved.policy.text)).toMatchObject({ suppression: { maxPerDay: 1, maxPerWeek: 3 } });
    expect(saved.history.map((h) => h.version)).toEqual([1]);
  });

  it.each([
    ["invalid JSON, with its line and column", '{\n  "version": 1,\n  "suppression": { "maxPerDay": 2, }\n}', /line 3, column/, ""],
    ["a contradictory policy, with its path", JSON.stringify({ version: 1, suppression: { maxPerDay: 9, maxPerWeek: 2 } }), /more than the 2 a week/, "suppression.maxPerDay"],
    ["an unknown field, with its path", JSON.stringify({ version: 1, margin: { rulez: [] } }), /Unknown field "rulez"/, "margin.rulez"],
  ])("refuses %s and keeps the version in force", async (_name, text, message, path) => {
    const before = await policyInForce(t.db, A);
    const result = await savePolicy(t.db, A, text, "ana@shop-a.example");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({ path, message: expect.stringMatching(message) });
    expect(await policyInForce(t.db, A)).toEqual(before);
    expect((await policyHistory(t.db, A)).map((h) => h.version)).toEqual([1]);
  });

  it("lists per-objective levels only for active objectives, and starts on the defaults", async () => {
    const view = await loadGovernanceSettings(t.db, A);
    expect(view.objectives.map((o) => o.id)).toEqual([objectiveId, pausedId]);
    expect(view.autonomy).toMatchObject({ defaultLevel: "assisted", agents: {}, objectives: {}, supervised: { discountAbove: 0.1, pclvAboveMinor: null } });
    expect(view.policy.version).toBe(1);
    expect(DEFAULT_POLICY.version).toBe(1);
  });

  it("saves autonomy settings that round-trip through the form, and leaves every other setting as it was", async () => {
    const form = fields({ objectives: { [objectiveId]: "autonomous", [pausedId]: "assisted" } });
    const saved = await saveAutonomySettings(t.db, A, form);
    expect(saved).toEqual({
      ok: true,
      value: {
        defaultLevel: "supervised",
        agents: { loyalty: "assisted", "cart-intent": "autonomous" },
        objectives: { [objectiveId]: "autonomous", [pausedId]: "assisted" },
        supervised: { discountAbove: 0.125, pclvAboveMinor: 25_000, expectedValueAboveMinor: null, firstMessageToShopper: true, llmWrittenCopy: false },
      },
    });
    const view = await loadGovernanceSettings(t.db, A);
    expect(autonomyToFields(view.autonomy, [objectiveId, pausedId], view.currencyCode)).toEqual({ ...form, pclvAbove: "250.00" });
    const raw = JSON.parse(await storedSettings()) as Record<string, unknown>;
    expect(raw).toMatchObject({ abandonmentDelayMinutes: 90, futureFeature: { on: true } });
    expect(parseShopSettings(await storedSettings()).autonomy).toEqual(view.autonomy);
  });

  it("keeps a paused objective's level, and a blank level removes an override", async () => {
    await setObjectiveActive(t.db, A, pausedId, false);
    expect((await loadGovernanceSettings(t.db, A)).objectives.map((o) => o.id)).toEqual([objectiveId]);
    // The form only carries active objectives; a forged field for the paused one is ignored.
    const saved = await saveAutonomySettings(t.db, A, fields({ objectives: { [objectiveId]: "", [pausedId]: "autonomous" }, agents: { ...fields().agents, loyalty: "" } }));
    expect(saved.ok && saved.value.objectives).toEqual({ [pausedId]: "assisted" });
    expect(saved.ok && saved.value.agents).toEqual({ "cart-intent": "autonomous" });
  });

  it("refuses invalid autonomy values field by field and stores nothing", async () => {
    const before = await storedSettings();
    const refused = await saveAutonomySettings(
      t.db,
      A,
      fields({ defaultLevel: "reckless", agents: { ...fields().agents, loyalty: "yolo" }, objectives: { [objectiveId]: "sometimes" }, discountAbovePercent: "150", pclvAbove: "lots", expectedValueAbove: "-5" }),
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(Object.keys(refused.errors).sort()).toEqual(["agent.loyalty", "defaultLevel", "discountAbovePercent", "expectedValueAbove", "objective." + objectiveId, "pclvAbove"].sort());
    expect(await storedSettings()).toBe(before);
  });

  it("reads amounts in the shop's currency: yen have no minor digits", async () => {
    const saved = await saveAutonomySettings(t.db, JPY_SHOP, fields({ pclvAbove: "30000", expectedValueAbove: "1500" }));
    expect(saved.ok && saved.value.supervised).toMatchObject({ pclvAboveMinor: 30_000, expectedValueAboveMinor: 1_500 });
    const view = await loadGovernanceSettings(t.db, JPY_SHOP);
    expect(autonomyToFields(view.autonomy, [], "JPY")).toMatchObject({ pclvAbove: "30000", expectedValueAbove: "1500" });
  });

  it("saves the brand voice, keeps the autonomy settings, and refuses a sign-off that is too long", async () => {
    const autonomy = (await loadGovernanceSettings(t.db, A)).autonomy;
    const saved = await saveBrandVoice(t.db, A, { tone: "playful", formality: "formal", useFirstName: false, signOffName: "  Lena from Fern & Moss " });
    expect(saved).toEqual({ ok: true, value: { tone: "playful", formality: "formal", useFirstName: false, signOffName: "Lena from Fern & Moss" } });
    const view = await loadGovernanceSettings(t.db, A);
    expect(view.brandVoice).toEqual(saved.ok ? saved.value : null);
    expect(view.autonomy).toEqual(autonomy);
    expect(JSON.parse(await storedSettings())).toMatchObject({ abandonmentDelayMinutes: 90, futureFeature: { on: true } });

    const before = await storedSettings();
    const refused = await saveBrandVoice(t.db, A, { tone: "sarcastic", formality: "formal", useFirstName: true, signOffName: "x".repeat(61) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(Object.keys(refused.errors).sort()).toEqual(["signOffName", "tone"]);
    expect(await storedSettings()).toBe(before);
    // A blank sign-off signs as the shop's team.
    const blank = await saveBrandVoice(t.db, A, { tone: "warm", formality: "casual", useFirstName: true, signOffName: "   " });
    expect(blank.ok && blank.value.signOffName).toBeNull();
  });
});
