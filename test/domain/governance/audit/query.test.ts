import { describe, expect, it } from "vitest";
import { matchesAuditQuery, type AuditQuery } from "~/domain/governance/audit/query";
import { ANA, at, change, NOW, PRICE_WRONG, record, SEND, WAIT } from "./fixtures";

const RECORDS = [
  record("r-sent", SEND, [change(null, "ready", "route", -48), change("ready", "sent", "send", -47)]),
  record("r-rejected", WAIT, [change(null, "awaiting-approval", "route", -24), change("awaiting-approval", "rejected", "reject", -23, { by: ANA, note: "Ton trop insistant pour une première relance" })], {
    proposal: { customerId: "c-2", agent: "loyalty", subject: "Tier: Gold" },
  }),
  record("r-pending", WAIT, [change(null, "awaiting-approval", "route", -2)], {
    checks: [{ stage: "first-draft", at: NOW, result: PRICE_WRONG }],
    proposal: { customerId: "c-2", agent: "cart-intent", subject: "cart:ＡＢＣ" },
  }),
];

describe("searching the audit trail", () => {
  const cases: Array<[string, AuditQuery, string[]]> = [
    ["no filters: everything", {}, ["r-sent", "r-rejected", "r-pending"]],
    ["blank text: no filter", { text: "   " }, ["r-sent", "r-rejected", "r-pending"]],
    ["agent", { agent: "loyalty" }, ["r-rejected"]],
    ["one status", { status: "sent" }, ["r-sent"]],
    ["several statuses", { status: ["sent", "awaiting-approval"] }, ["r-sent", "r-pending"]],
    ["customer", { customerId: "c-2" }, ["r-rejected", "r-pending"]],
    ["customer and agent together", { customerId: "c-2", agent: "cart-intent" }, ["r-pending"]],
    ["from is inclusive", { from: at(-24) }, ["r-rejected", "r-pending"]],
    ["to is exclusive", { to: at(-24) }, ["r-sent"]],
    ["a range", { from: at(-30), to: at(-1) }, ["r-rejected", "r-pending"]],
    ["a rule exactly", { rule: "facts.price" }, ["r-pending"]],
    ["a rule family", { rule: "facts" }, ["r-pending"]],
    ["not a prefix of a word", { rule: "fact" }, []],
    ["text in the reasoning, any case", { text: "LAST BOUGHT" }, ["r-sent", "r-rejected", "r-pending"]],
    ["text in a rejection reason, with accents", { text: "première" }, ["r-rejected"]],
    ["text in a violation message", { text: "catalog says $24" }, ["r-pending"]],
    ["text in the approver's email", { text: "ana@shop-a" }, ["r-rejected"]],
    ["full-width text matches its plain form", { text: "cart:abc" }, ["r-pending"]],
    ["text and status together", { text: "cleanser", status: "rejected" }, ["r-rejected"]],
    ["text found nowhere", { text: "zebra" }, []],
  ];
  it.each(cases)("%s", (_name, query, ids) => {
    expect(RECORDS.filter((r) => matchesAuditQuery(r, query)).map((r) => r.id)).toEqual(ids);
  });
});
