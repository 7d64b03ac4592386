import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { loadDemoStore } from "~/demo/loadDemoStore.server";
import { recomputeDepletionSuggestions } from "~/services/catalog/depletionSuggestions.server";
import { DEMO_OBJECTIVE } from "~/services/planning/demoPlanning.server";
import { createObjective, setObjectiveActive } from "~/services/planning/objectives.server";
import { cancelMootNudges, sweepPlanningEvents } from "~/services/planning/planningEvents.server";
import { planningRunId, runPlanning } from "~/services/planning/runPlanning.server";
import { reviewDueMessages } from "~/services/governance/reviewMessages.server";
import { lastNightly, runNightlyPlanning } from "~/jobs/planningTrigger.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";

const NOW = new Date("2026-11-25T12:00:00Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;
const OTHER = "elsewhere.myshopify.com";

const decisionsOf = (t: TestDatabase, shopId: string) =>
  t.db.decision.findMany({ where: { shopId }, orderBy: { id: "asc" }, select: { id: true, runId: true, customerId: true, agent: true, status: true, sendAt: true, dropReason: true, trace: true } });

/**
 * runPlanning over a loaded demo store: idempotent for the same moment, every budget and drop
 * counted, decisions with their traces; an order cancels the nudges it makes moot; an abandoned
 * cart plans its shopper; and another shop's rows never enter (it holds the same customer ids).
 */
describe.each(DATABASE_KINDS)("planning runs on %s", (kind) => {
  let t: TestDatabase;
  let shopId: string;
  let objectiveId: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const demo = generateDemoStore({ seed: 21, customers: 120, now: NOW, anonymousVisitors: 20 });
    shopId = demo.shop.myshopifyDomain;
    await loadDemoStore(t.db, demo, { now: NOW, scope: "read_orders" });
    await recomputeDepletionSuggestions(t.db, shopId);
    objectiveId = (await createObjective(t.db, shopId, { ...DEMO_OBJECTIVE, agentsAllowed: [...DEMO_OBJECTIVE.agentsAllowed] })).id;
    // Another shop with the same customer ids, subscribed and with carts: none of it may be planned for the demo shop.
    await t.db.shop.create({ data: { id: OTHER, name: "Elsewhere" } });
    for (const customer of await t.db.customer.findMany({ where: { shopId }, take: 30 })) {
      await t.db.customer.create({ data: { shopId: OTHER, id: customer.id, email: `other-${customer.id}@example.org`, emailMarketingState: "SUBSCRIBED" } });
      await t.db.cart.create({
        data: { shopId: OTHER, token: `other-cart-${customer.id}`, customerId: customer.id, totalMinor: 999, lineItems: "[]", shopifyCreatedAt: new Date(NOW.getTime() - 3 * HOUR), sourceUpdatedAt: new Date(NOW.getTime() - 3 * HOUR), abandonedAt: new Date(NOW.getTime() - 2 * HOUR) },
      });
    }
  }, 180_000);
  afterAll(() => t?.drop());

  it("plans nothing without an active objective, and says so", async () => {
    await setObjectiveActive(t.db, shopId, objectiveId, false);
    const run = await runPlanning(t.db, shopId, { now: new Date(NOW.getTime() - DAY), trigger: "schedule" });
    expect(run.counts.note).toMatch(/no active objective/);
    expect(await t.db.decision.count({ where: { shopId } })).toBe(0);
    await setObjectiveActive(t.db, shopId, objectiveId, true);
  });

  it("plans the whole shop: decisions per agent within the weekly budget, drops counted by reason, each with its trace", async () => {
    const run = await runPlanning(t.db, shopId, { now: NOW, trigger: "schedule", chunkSize: 40 });
    expect(run.runId).toBe(planningRunId("schedule", NOW));
    const { counts } = run;
    expect(counts.shoppers).toBe(120);
    const planned = Object.values(counts.plannedByAgent).reduce((a, b) => a + b, 0);
    const dropped = Object.values(counts.droppedByReason).reduce((a, b) => a + b, 0);
    expect(planned).toBeGreaterThan(10);
    expect(planned + dropped).toBe(counts.proposals);
    expect(counts.droppedByReason["not-subscribed"]).toBeGreaterThan(0);
    expect(counts.newsletterDue).toBe(true);

    const rows = await decisionsOf(t, shopId);
    expect(rows.filter((row) => row.status === "planned")).toHaveLength(planned);
    // Drops that follow from the shopper alone are counted, not stored.
    expect(rows.filter((row) => row.status === "dropped")).toHaveLength(dropped - counts.droppedByReason["not-subscribed"] - counts.droppedByReason.suppressed);
    const perShopper = new Map<string, number>();
    for (const row of rows.filter((r) => r.status === "planned")) perShopper.set(row.customerId, (perShopper.get(row.customerId) ?? 0) + 1);
    expect(Math.max(...perShopper.values())).toBeLessThanOrEqual(DEMO_OBJECTIVE.messagesPerShopperPerWeek);
    const subscribed = new Set((await t.db.customer.findMany({ where: { shopId, emailMarketingState: "SUBSCRIBED" }, select: { id: true } })).map((c) => c.id));
    expect([...perShopper.keys()].every((id) => subscribed.has(id))).toBe(true);
    const trace = JSON.parse(rows.find((r) => r.status === "planned")!.trace) as { reasoning: string[]; planner: { outcome: string; localSendAt: string } };
    expect(trace.reasoning.length).toBeGreaterThan(0);
    expect(trace.planner).toMatchObject({ outcome: "planned" });
    // Governance, the next stage, reviews every planned message (a slice at a time if asked): one
    // Message each, with its copy and audit record; again, it finds nothing left to review.
    const slice = await reviewDueMessages(t.db, shopId, NOW, { horizonHours: 24 * 60, limit: 5, batchSize: 3 });
    expect(slice).toMatchObject({ reviewed: 5, more: true });
    const review = await reviewDueMessages(t.db, shopId, NOW, { horizonHours: 24 * 60 });
    expect(review.reviewed + 5).toBe(planned);
    expect(review.more).toBe(false);
    expect((await reviewDueMessages(t.db, shopId, NOW, { horizonHours: 24 * 60 })).reviewed).toBe(0);
    const messages = await t.db.message.findMany({ where: { shopId }, select: { id: true, status: true, audit: true, draft: true } });
    expect(messages.map((m) => m.id).sort()).toEqual(rows.filter((r) => r.status === "planned").map((r) => r.id).sort());
    // The shop has no autonomy settings yet: assisted by default, so nothing goes out unreviewed.
    expect(messages.filter((m) => m.status === "ready")).toHaveLength(0);
    expect(messages.filter((m) => m.status === "awaiting-approval").length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(["awaiting-approval", "blocked"]).toContain(message.status);
      expect(JSON.parse(message.audit)).toMatchObject({ id: message.id, status: message.status, copy: { engine: "template" } });
      expect((JSON.parse(message.draft) as { subject: string }).subject.length).toBeGreaterThan(0);
    }
    const stored = await t.db.planningRun.findUniqueOrThrow({ where: { shopId_id: { shopId, id: run.runId } } });
    expect(stored).toMatchObject({ status: "finished", trigger: "schedule" });
    expect(JSON.parse(stored.counts)).toMatchObject({ plannedByAgent: counts.plannedByAgent, droppedByReason: counts.droppedByReason });
  });

  it("is idempotent: the same moment again plans the same decisions once, whatever the chunk size", async () => {
    const before = await decisionsOf(t, shopId);
    const first = JSON.parse((await t.db.planningRun.findUniqueOrThrow({ where: { shopId_id: { shopId, id: planningRunId("schedule", NOW) } } })).counts) as { plannedByAgent: object; droppedByReason: object };
    // A person approved one message meanwhile: the replay must not review it again.
    const waiting = await t.db.message.findFirstOrThrow({ where: { shopId, status: "awaiting-approval" }, orderBy: { id: "asc" } });
    await t.db.message.update({ where: { shopId_id: { shopId, id: waiting.id } }, data: { status: "approved" } });
    const messagesBefore = await t.db.message.count({ where: { shopId } });
    const again = await runPlanning(t.db, shopId, { now: NOW, trigger: "schedule", chunkSize: 1000 });
    expect(await decisionsOf(t, shopId)).toEqual(before);
    expect((await reviewDueMessages(t.db, shopId, NOW, { horizonHours: 24 * 60 })).reviewed).toBe(0);
    expect(await t.db.message.count({ where: { shopId } })).toBe(messagesBefore);
    expect((await t.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId, id: waiting.id } } })).status).toBe("approved");
    await t.db.message.update({ where: { shopId_id: { shopId, id: waiting.id } }, data: { status: "awaiting-approval" } });
    expect(again.counts.plannedByAgent).toEqual(first.plannedByAgent);
    expect(again.counts.droppedByReason).toEqual(first.droppedByReason);
    expect(await t.db.planningRun.count({ where: { shopId, trigger: "schedule", moment: NOW } })).toBe(1);
  });

  it("the next day does not plan again what is already planned", async () => {
    const plannedBefore = await t.db.decision.findMany({ where: { shopId, status: "planned" }, select: { id: true, runId: true } });
    const next = await runPlanning(t.db, shopId, { now: new Date(NOW.getTime() + DAY), trigger: "schedule" });
    expect(next.counts.droppedByReason.duplicate).toBeGreaterThan(0);
    expect(next.counts.newsletterDue).toBe(false);
    const plannedAfter = await t.db.decision.findMany({ where: { shopId, status: "planned" }, select: { id: true, runId: true } });
    // Yesterday's planned decisions are untouched (same run), whatever today's run proposed.
    for (const decision of plannedBefore) expect(plannedAfter).toContainEqual(decision);
    const perShopperWeek = new Map<string, number>();
    for (const d of await t.db.decision.findMany({ where: { shopId, status: "planned" }, select: { customerId: true } })) perShopperWeek.set(d.customerId, (perShopperWeek.get(d.customerId) ?? 0) + 1);
    expect(Math.max(...perShopperWeek.values())).toBeLessThanOrEqual(DEMO_OBJECTIVE.messagesPerShopperPerWeek);
  });

  it("an order cancels the pending nudges it makes moot, once", async () => {
    const pending = await t.db.decision.findFirst({ where: { shopId, status: "planned", agent: { in: ["replenishment", "post-purchase"] } }, orderBy: { id: "asc" } });
    expect(pending).not.toBeNull();
    const category = pending!.agent === "replenishment" ? pending!.subject : pending!.subject.slice(0, pending!.subject.lastIndexOf(":"));
    const other = await t.db.decision.findMany({ where: { shopId, customerId: pending!.customerId, status: "planned", agent: { in: ["loyalty", "bestseller-newsletter"] } } });
    const at = new Date(NOW.getTime() + DAY + 2 * HOUR);
    const orderId = `moot-${pending!.id.length}`;
    await t.db.order.create({ data: { shopId, id: orderId, name: "#9001", customerId: pending!.customerId, processedAt: at, shopifyCreatedAt: at, sourceUpdatedAt: at, currencyCode: "USD", totalMinor: 3000, subtotalMinor: 3000, discountMinor: 0 } });
    await t.db.orderLineItem.create({ data: { shopId, id: `${orderId}-1`, orderId, title: "Refill", quantity: 1, priceMinor: 3000, discountMinor: 0, categoryPath: category } });

    const report = await sweepPlanningEvents(t.db, new Date(at.getTime() + 60_000));
    expect(report.cancelled).toBeGreaterThanOrEqual(1);
    const cancelled = await t.db.decision.findUniqueOrThrow({ where: { shopId_id: { shopId, id: pending!.id } } });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: `order #9001 bought again in ${category}` });
    // Its message, if it was still pending, is withdrawn: blocked, with the reason in its history.
    const message = await t.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId, id: pending!.id } } });
    expect(message.status).toBe("blocked");
    const history = (JSON.parse(message.audit) as { history: { to: string; note: string | null }[] }).history;
    expect(history.at(-1)).toMatchObject({ to: "blocked" });
    if (history.length > 1) expect(history.at(-1)?.note).toContain("Withdrawn: order #9001");
    // Loyalty and newsletter messages are not answered by an order.
    for (const decision of other) expect((await t.db.decision.findUniqueOrThrow({ where: { shopId_id: { shopId, id: decision.id } } })).status).toBe("planned");
    const run = await t.db.planningRun.findUniqueOrThrow({ where: { shopId_id: { shopId, id: planningRunId("event", at, `order-placed:${orderId}`) } } });
    expect(JSON.parse(run.counts)).toMatchObject({ cancelled: report.cancelled });
    // Again: nothing left to cancel.
    expect((await cancelMootNudges(t.db, shopId, orderId))?.cancelled).toEqual([]);
  });

  it("an abandoned cart plans that one shopper at the moment it was abandoned, once", async () => {
    const shopper = await t.db.customer.findFirstOrThrow({ where: { shopId, emailMarketingState: "SUBSCRIBED", deletedAt: null, email: { not: null } }, orderBy: { id: "desc" } });
    const product = await t.db.productVariant.findFirstOrThrow({ where: { shopId }, orderBy: { id: "asc" } });
    const title = (await t.db.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: product.productId } } })).title;
    const touched = new Date(NOW.getTime() + 2 * DAY);
    const abandoned = new Date(touched.getTime() + HOUR);
    await t.db.cart.create({
      data: {
        shopId,
        token: "abandoned-cart-1",
        customerId: shopper.id,
        totalMinor: product.priceMinor,
        lineItems: JSON.stringify([{ productId: product.productId, variantId: product.id, title, quantity: 1, priceMinor: product.priceMinor }]),
        shopifyCreatedAt: touched,
        sourceUpdatedAt: touched,
        abandonedAt: abandoned,
      },
    });
    const sweepAt = new Date(abandoned.getTime() + 5 * 60_000);
    const report = await sweepPlanningEvents(t.db, sweepAt);
    expect(report.basketsPlanned).toBe(1);
    const runId = planningRunId("event", abandoned, "cart-abandoned:abandoned-cart-1");
    const run = await t.db.planningRun.findUniqueOrThrow({ where: { shopId_id: { shopId, id: runId } } });
    expect(JSON.parse(run.counts)).toMatchObject({ shoppers: 1 });
    const decision = await t.db.decision.findFirstOrThrow({ where: { shopId, runId, agent: "cart-intent" } });
    expect(decision).toMatchObject({ customerId: shopper.id, subject: "abandoned-cart-1" });
    expect((await sweepPlanningEvents(t.db, new Date(sweepAt.getTime() + 60_000))).basketsPlanned).toBe(0);

    // The order that converts the cart cancels its follow-up.
    if (decision.status === "planned") {
      const at = new Date(sweepAt.getTime() + HOUR);
      await t.db.order.create({ data: { shopId, id: "converts-cart", name: "#9002", customerId: shopper.id, cartToken: "abandoned-cart-1", processedAt: at, shopifyCreatedAt: at, sourceUpdatedAt: at, currencyCode: "USD", totalMinor: 1, subtotalMinor: 1, discountMinor: 0 } });
      const cancellation = await cancelMootNudges(t.db, shopId, "converts-cart");
      expect(cancellation?.cancelled).toContainEqual({ id: decision.id, agent: "cart-intent", reason: "order #9002 completed this cart" });
    }
  });

  it("keeps each shop to itself: nothing planned for, or read from, the other shop", async () => {
    expect(await t.db.decision.count({ where: { shopId: OTHER } })).toBe(0);
    expect(await t.db.planningRun.count({ where: { shopId: OTHER } })).toBe(0);
    const ours = await t.db.decision.findMany({ where: { shopId, agent: "cart-intent" }, select: { subject: true } });
    expect(ours.some((d) => d.subject.startsWith("other-cart-"))).toBe(false);
    // Planning the other shop (no objective) plans nothing and leaves the demo shop's decisions alone.
    const before = await t.db.decision.count({ where: { shopId } });
    const run = await runPlanning(t.db, OTHER, { now: NOW, trigger: "schedule" });
    expect(run.counts.shoppers).toBe(0);
    expect(await t.db.decision.count({ where: { shopId } })).toBe(before);
  });

  it("streams shoppers on a second thread with the same plan as in-process", async () => {
    const moment = new Date(NOW.getTime() + 10 * DAY);
    const inProcess = await runPlanning(t.db, shopId, { now: moment, trigger: "schedule", chunkSize: 50 });
    const rows = await t.db.decision.findMany({ where: { shopId, runId: inProcess.runId }, orderBy: { id: "asc" } });
    await t.db.decision.deleteMany({ where: { shopId, runId: inProcess.runId } });
    const threaded = await runPlanning(t.db, shopId, { now: moment, trigger: "schedule", chunkSize: 50, databaseUrl: t.url });
    expect(threaded.counts.plannedByAgent).toEqual(inProcess.counts.plannedByAgent);
    expect(threaded.counts.droppedByReason).toEqual(inProcess.counts.droppedByReason);
    const again = await t.db.decision.findMany({ where: { shopId, runId: threaded.runId }, orderBy: { id: "asc" } });
    expect(again.map(({ createdAt: _c, updatedAt: _u, ...row }) => row)).toEqual(rows.map(({ createdAt: _c, updatedAt: _u, ...row }) => row));
  }, 60_000);

  it("the nightly trigger plans each shop with an active objective once for its nightly moment", async () => {
    const now = new Date(NOW.getTime() + 20 * DAY);
    const zone = (await t.db.shop.findUniqueOrThrow({ where: { id: shopId } })).ianaTimezone;
    expect(await runNightlyPlanning(t.db, now)).toEqual([planningRunId("schedule", lastNightly(now, zone))]);
    expect(await runNightlyPlanning(t.db, new Date(now.getTime() + HOUR))).toEqual([]);
    // The other shop has no objective: no nightly run.
    expect(await t.db.planningRun.count({ where: { shopId: OTHER, moment: { gt: NOW } } })).toBe(0);
  });
});
