import { randomUUID } from "node:crypto";
import type { Db } from "~/db.server";
import { drainInbox, type DrainReport } from "~/jobs/inboxWorker.server";
import { recordInboxEvent, type InboxSource } from "~/services/recordInboxEvent.server";

/**
 * Scenario steps for projection tests: events enter the inbox exactly as the routes record them
 * (raw JSON text), then the real worker applies them.
 */
export async function deliver(store: Db, shopId: string, topic: string, body: unknown, source: InboxSource = "webhook"): Promise<void> {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  await recordInboxEvent(store, { shopId, source, deliveryId: randomUUID(), topic, eventId: null, triggeredAt: null, payload });
}

export async function apply(store: Db): Promise<DrainReport> {
  return drainInbox(store, { now: () => new Date("2026-11-25T12:00:00Z") });
}

export async function installShop(store: Db, shopId: string, currencyCode = "USD"): Promise<void> {
  await store.shop.create({ data: { id: shopId, name: shopId, currencyCode, status: "installed" } });
}
