import type { Db } from "~/db.server";
import type { MessageDraft } from "~/domain/content/messageDraft";
import { recordStatusChange } from "~/domain/governance/audit";
import { createSmtpTransport, type EmailTransport } from "~/adapters/email/smtpTransport.server";
import type { LocalSmtpServer } from "~/demo/localSmtpServer";
import { createGovernanceShop, insertMessage, plainDraft } from "./governanceMessages";

/**
 * Fixtures for the email channel's tests: a shop, subscribed shoppers, sendable messages (built as
 * governance writes them, with a consistent audit record), and a transport to a local SMTP server.
 */
export const APP_URL = "https://marketing-app.example.test";
export const SECRET = "test-email-link-secret-0123456789abcdef";
export const SENDER = { name: "Fern & Moss", address: "news@fern-and-moss.example" };

export async function deliveryShop(db: Db, shopId: string, name = "Fern & Moss"): Promise<void> {
  await createGovernanceShop(db, shopId, name);
}

export type ShopperSpec = {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  emailMarketingState?: string;
  deletedAt?: Date | null;
  redactedAt?: Date | null;
};

export async function shopper(db: Db, shopId: string, spec: ShopperSpec): Promise<void> {
  await db.customer.create({
    data: {
      shopId,
      id: spec.id,
      email: spec.email === undefined ? `shopper-${spec.id}@example.org` : spec.email,
      firstName: spec.firstName === undefined ? "Ada" : spec.firstName,
      lastName: spec.lastName ?? null,
      emailMarketingState: spec.emailMarketingState ?? "SUBSCRIBED",
      deletedAt: spec.deletedAt ?? null,
      redactedAt: spec.redactedAt ?? null,
    },
  });
}

export type SendableSpec = {
  id: string;
  customerId: string;
  /** When it is due (createdAt is an hour before). */
  sendAt: Date;
  status?: "ready" | "approved" | "awaiting-approval";
  draft?: Partial<MessageDraft>;
};

/** A message as review leaves it (ready or awaiting approval), or approved by a person. */
export async function sendableMessage(db: Db, shopId: string, spec: SendableSpec): Promise<void> {
  const createdAt = new Date(spec.sendAt.getTime() - 3_600_000);
  const status = spec.status ?? "ready";
  const record = await insertMessage(db, {
    shopId,
    id: spec.id,
    customerId: spec.customerId,
    status: status === "approved" ? "awaiting-approval" : status,
    createdAt,
    draft: plainDraft(shopId, spec.draft ?? {}),
  });
  if (status === "approved") {
    const audit = recordStatusChange(record, { at: createdAt, from: "awaiting-approval", to: "approved", action: "approve", by: { userId: "u-1", email: "owner@example.org" }, note: null, changedFields: [] });
    await db.message.update({ where: { shopId_id: { shopId, id: spec.id } }, data: { status: "approved", awaitingSince: null, audit: JSON.stringify(audit) } });
  }
}

export function transportTo(server: Pick<LocalSmtpServer, "host" | "port">): EmailTransport {
  return createSmtpTransport({ host: server.host, port: server.port, secure: false, user: null, password: null, from: SENDER });
}

/** The last entry of a message's audit history. */
export async function lastHistoryEntry(db: Db, shopId: string, id: string): Promise<{ from: string | null; to: string; action: string; note: string | null }> {
  const row = await db.message.findUniqueOrThrow({ where: { shopId_id: { shopId, id } }, select: { audit: true } });
  const history = (JSON.parse(row.audit) as { history: Array<{ from: string | null; to: string; action: string; note: string | null }> }).history;
  return history[history.length - 1]!;
}
