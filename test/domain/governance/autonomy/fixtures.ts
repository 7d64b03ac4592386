import type { MessageDraft } from "~/domain/content/messageDraft";
import type { Actor, ApprovalItem } from "~/domain/governance/autonomy/approval";
import type { Violation } from "~/domain/governance/violation";

export const NOW = new Date("2026-06-10T12:00:00Z");

export const DRAFT: MessageDraft = {
  subject: "Time for a new cleanser?",
  preheader: "Your usual is about due",
  greeting: "Hi Ana,",
  paragraphs: ["It has been about a month since your Daily Gel Cleanser."],
  callToAction: { label: "Shop cleansers", url: "https://shop.example.com/collections/cleansers" },
  productIds: ["p-cleanser"],
  signOff: "The Glow team",
};

export const ADMIN: Actor = { shopId: "shop-a", userId: "u-1", email: "ana@shop-a.example" };
export const OTHER_SHOP_ADMIN: Actor = { shopId: "shop-b", userId: "u-9", email: "bo@shop-b.example" };

export function item(status: ApprovalItem["status"], changes: Partial<ApprovalItem> = {}): ApprovalItem {
  return { messageId: "m-1", shopId: "shop-a", status, draft: DRAFT, ...changes };
}

export function violation(remedy: Violation["remedy"], message = `A ${remedy} finding.`, rule = `test.${remedy}`): Violation {
  return { rule, kind: "policy", remedy, message };
}
