import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_CSV_COLUMNS, AuditRecord, governanceKpis, matchesAuditQuery, recordStatusChange, type AuditQuery } from "~/domain/governance/audit";
import { systemTransition } from "~/domain/governance/autonomy";
import { decideMessage, decideMessages, governanceActor } from "~/services/governance/approvals.server";
import { auditExportStream, auditRecords, decodeCursor, searchAuditTrail, type AuditPage } from "~/services/governance/auditTrail.server";
import { parseAuditParams } from "~/services/governance/auditSearchParams";
import { governanceKpisOf } from "~/services/governance/governanceKpis.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { auditRecordFor, createGovernanceShop, insertMessage } from "../support/governanceMessages";

const A = "shop-a.myshopify.com";
const B = "shop-b.myshopify.com";
const T0 = new Date("2026-10-01T00:00:00Z");
const NOW = new Date("2026-11-25T12:00:00Z");
const HOUR = 3_600_000;
const AGENTS = ["replenishment", "loyalty", "cart-intent"] as const;
const ANA = governanceActor({ shop: A, user: { id: "user-ana", email: "ana@shop-a.example" } });

/** An RFC 4180 reader, enough to read the export back (quoted fields, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("the CSV does not end with CRLF");
  return rows;
}

/** The stream's bytes as text, keeping a byte-order mark (Response.text() would drop it). */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

/**
 * The audit trail on both databases: search with every filter against the domain's own predicate,
 * cursor pages both ways (also when a page stops at its scan limit), exports in CSV and JSON that
 * read back to the same records across batch boundaries, and the KPIs by count queries equal to
 * governanceKpis over the same records.
 */
describe.each(DATABASE_KINDS)("audit trail on %s", (kind) => {
  let t: TestDatabase;
  const recordsOf = async (shopId: string) =>
    (await t.db.message.findMany({ where: { shopId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })).map((row) => AuditRecord.parse(JSON.parse(row.audit)));
  const expected = async (query: AuditQuery) => (await recordsOf(A)).filter((record) => matchesAuditQuery(record, query)).map((record) => record.id);
  const allPages = async (query: AuditQuery, options: { pageSize: number; maxScan?: number }) => {
    const ids: string[] = [];
    const pages: AuditPage[] = [];
    let page = await searchAuditTrail(t.db, A, query, options);
    for (;;) {
      pages.push(page);
      ids.push(...page.rows.map((r) => r.id));
      if (!page.older) break;
      page = await searchAuditTrail(t.db, A, query, { ...options, after: decodeCursor(page.older) });
    }
    return { ids, pages };
  };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await createGovernanceShop(t.db, A);
    await createGovernanceShop(t.db, B, "Other");
    // 60 messages over 30 days (two at the same instant, to test the id tie-break), three agents,
    // five customers, some with findings; one blocked by the margin rule, one ready.
    for (let i = 0; i < 60; i++) {
      const createdAt = new Date(T0.getTime() + Math.floor(i / 2) * 12 * HOUR);
      await insertMessage(t.db, {
        shopId: A,
        id: `m-${String(i).padStart(3, "0")}`,
        createdAt,
        customerId: `c-${i % 5}`,
        agent: AGENTS[i % 3],
        status: i === 7 ? "blocked" : i === 8 ? "ready" : "awaiting-approval",
        reasoning: i % 10 === 3 ? ["Lapsed for ninety days, a Winback candidate."] : undefined,
        violations:
          i === 7
            ? [{ rule: "margin.pclv-discount-cap", kind: "policy", remedy: "block", message: "The discount is over the cap for this shopper's value." }]
            : i % 6 === 1
              ? [{ rule: "facts.price", kind: "fact", remedy: "template", message: "The price $12 is not the catalog's $14." }]
              : [],
      });
    }
    // Another shop's records match every filter and must never show.
    for (let i = 0; i < 5; i++) await insertMessage(t.db, { shopId: B, id: `m-${String(i).padStart(3, "0")}`, createdAt: T0, customerId: "c-0", reasoning: ["Lapsed, a Winback candidate."] });
    // People decide some: approvals, a rejection with a reason that needs CSV quoting, an edit.
    await decideMessages(t.db, ANA, ["m-010", "m-011", "m-012"].map((messageId) => ({ messageId })), { kind: "approve" }, NOW);
    await decideMessage(t.db, ANA, { messageId: "m-013" }, { kind: "reject", reason: '=HYPERLINK("x"), too "pushy",\nand late' }, NOW);
    await decideMessage(t.db, ANA, { messageId: "m-014" }, { kind: "edit", edit: { subject: "Edited subject" } }, NOW);
    // A late block after a person approved (the shopper unsubscribed): still a decision a person made unchanged.
    const approved = await t.db.message.findUniqueOrThrow({ where: { shopId_id: { shopId: A, id: "m-012" } } });
    const block = systemTransition("approved", "blocked", "block", NOW, "The shopper unsubscribed.");
    if (!block.ok) throw new Error(block.error);
    const blocked = recordStatusChange(AuditRecord.parse(JSON.parse(approved.audit)), block.auditEntry);
    await t.db.message.update({ where: { shopId_id: { shopId: A, id: "m-012" } }, data: { status: "blocked", audit: JSON.stringify(blocked) } });
  }, 120_000);
  afterAll(() => t?.drop());

  it.each<[string, AuditQuery, number | null]>([
    ["no filter", {}, 60],
    ["text (case and width insensitive)", { text: "ｗｉｎｂａｃｋ" }, 6],
    ["agent", { agent: "loyalty" }, 20],
    ["status", { status: "rejected" }, 1],
    ["customer", { customerId: "c-2" }, 12],
    ["from and to", { from: new Date("2026-10-05T00:00:00Z"), to: new Date("2026-10-07T00:00:00Z") }, 8],
    ["rule family", { rule: "margin" }, 1],
    ["exact rule", { rule: "facts.price" }, 9],
    ["rejection reason text", { text: "too \"pushy\"" }, 1],
    ["approver's email (approved, rejected or edited)", { text: "ana@shop-a.example" }, 5],
    ["everything at once", { agent: "replenishment", customerId: "c-3", text: "winback", from: T0, to: NOW }, null],
  ])("filters by %s, in SQL where it can and by the record where it must", async (_name, query, count) => {
    const want = await expected(query);
    if (count !== null) expect(want).toHaveLength(count);
    const page = await searchAuditTrail(t.db, A, query, { pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toEqual(want);
    expect(page).toMatchObject({ older: null, newer: null, scanLimited: false, unreadable: 0 });
  });

  it("reads URL parameters into the same query, days inclusive", () => {
    const { query, fields } = parseAuditParams(new URLSearchParams({ q: " winback ", agent: "loyalty", status: "bogus", from: "2026-10-05", to: "2026-10-06", rule: "margin", customer: "" }));
    expect(query).toEqual({ text: "winback", agent: "loyalty", from: new Date("2026-10-05T00:00:00Z"), to: new Date("2026-10-07T00:00:00Z"), rule: "margin" });
    expect(fields).toMatchObject({ status: "", customer: "", q: "winback" });
  });

  it("pages newest first by cursor, older and back newer, with the same rows as one long page", async () => {
    const all = await expected({});
    const { ids, pages } = await allPages({}, { pageSize: 7 });
    expect(ids).toEqual(all);
    expect(pages).toHaveLength(Math.ceil(60 / 7));
    expect(pages[0]!.newer).toBeNull();
    // From the last page, newer links walk back to the first, page for page.
    const back: string[][] = [];
    let page = pages.at(-1)!;
    while (page.newer) {
      page = await searchAuditTrail(t.db, A, {}, { pageSize: 7, before: decodeCursor(page.newer) });
      back.push(page.rows.map((r) => r.id));
    }
    expect(back.reverse()).toEqual(pages.slice(0, -1).map((p) => p.rows.map((r) => r.id)));
  });

  it("stops a page at its scan limit and continues from there", async () => {
    const query = { rule: "facts.price" };
    const { ids, pages } = await allPages(query, { pageSize: 4, maxScan: 9 });
    expect(ids).toEqual(await expected(query));
    expect(pages.some((p) => p.scanLimited)).toBe(true);
    expect(pages.every((p) => p.scanned <= 9)).toBe(true);
  });

  it("exports the filtered records as CSV with a BOM, one header, and fields that read back", async () => {
    const query = { agent: "loyalty" as const };
    const text = await readAll(auditExportStream(t.db, A, query, "csv"));
    expect(text.startsWith("\uFEFFid,shop_id,created_at,")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(AUDIT_CSV_COLUMNS.map(([name]) => name));
    const want = (await expected(query)).reverse();
    expect(rows.map((r) => r[0])).toEqual(want);
    const column = (name: string) => header!.indexOf(name);
    const rejected = rows.find((r) => r[0] === "m-013")!;
    expect(rejected[column("approval")]).toBe("rejected");
    // The formula guard keeps a leading "=" from running in a spreadsheet; quotes, commas and the newline survive.
    expect(rejected[column("rejection_reason")]).toBe('\'=HYPERLINK("x"), too "pushy",\nand late');
    expect(rejected[column("approved_by_email")]).toBe("ana@shop-a.example");
    expect(JSON.parse(rows.find((r) => r[0] === "m-007")![column("checks")]!)).toEqual([expect.objectContaining({ stage: "first-draft" })]);
    expect(text).not.toContain(B);
  });

  it("exports JSON and JSON Lines that parse back to the stored records", async () => {
    const json = JSON.parse(await readAll(auditExportStream(t.db, A, { status: "awaiting-approval" }, "json"))) as unknown[];
    const want = (await recordsOf(A)).filter((r) => r.status === "awaiting-approval").reverse();
    expect(json.map((item) => AuditRecord.parse(item))).toEqual(want);
    const lines = (await readAll(auditExportStream(t.db, A, { customerId: "c-1" }, "jsonl"))).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => AuditRecord.parse(JSON.parse(line)).id)).toEqual((await expected({ customerId: "c-1" })).reverse());
    expect(JSON.parse(await readAll(auditExportStream(t.db, A, { text: "nothing matches this" }, "json")))).toEqual([]);
  });

  it("streams a large export in batches of 500 without repeating the header or losing a row", async () => {
    const shop = "big.myshopify.com";
    await createGovernanceShop(t.db, shop);
    const rows = Array.from({ length: 1_234 }, (_, i) => {
      const record = auditRecordFor({ shopId: shop, id: `big-${String(i).padStart(5, "0")}`, createdAt: new Date(T0.getTime() + Math.floor(i / 3) * 60_000) });
      return { shopId: shop, id: record.id, runId: "r", customerId: record.customerId, agent: record.agent, status: record.status, engine: "template", draft: "{}", brief: "{}", audit: JSON.stringify(record), firstDraftPassed: true, createdAt: record.createdAt };
    });
    for (let i = 0; i < rows.length; i += 300) await t.db.message.createMany({ data: rows.slice(i, i + 300) });
    let batches = 0;
    for await (const batch of auditRecords(t.db, shop, {})) {
      batches += 1;
      expect(batch.length).toBeLessThanOrEqual(500);
    }
    expect(batches).toBe(3);
    const [header, ...lines] = parseCsv((await readAll(auditExportStream(t.db, shop, {}, "csv"))).slice(1));
    expect(header![0]).toBe("id");
    expect(lines.map((l) => l[0])).toEqual(rows.map((r) => r.id));
    const json = JSON.parse(await readAll(auditExportStream(t.db, shop, {}, "json"))) as Array<{ id: string }>;
    expect(json.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("computes the KPIs with count queries, equal to governanceKpis over the same records", async () => {
    const records = await recordsOf(A);
    const now = new Date("2026-11-26T00:00:00Z");
    const domain = governanceKpis(records, now);
    const sql = await governanceKpisOf(t.db, A, { now });
    expect(sql).toEqual(domain);
    // What the records hold: 3 approved (one blocked later) + 1 ready unchanged; 1 rejected + 1 edited changed (the one blocked by routing is not judged).
    expect(sql.decisionAccuracy).toEqual({ numerator: 4, denominator: 6, share: 4 / 6 });
    expect(sql.policyCompliance).toEqual({ numerator: 50, denominator: 60, share: 50 / 60 });
    expect(sql.pendingApprovals.count).toBe(records.filter((r) => r.status === "awaiting-approval").length);
    expect(sql.pendingApprovals.oldestAgeMs).toBe(now.getTime() - T0.getTime());
    // Since a date: only messages created from then on count for accuracy and compliance.
    const since = new Date("2026-10-16T00:00:00Z");
    const recent = await governanceKpisOf(t.db, A, { now, since });
    expect(recent.decisionAccuracy).toEqual(governanceKpis(records.filter((r) => r.createdAt >= since), now).decisionAccuracy);
    expect(recent.policyCompliance).toEqual(governanceKpis(records.filter((r) => r.createdAt >= since), now).policyCompliance);
    // An empty shop: no data, not 0%.
    await createGovernanceShop(t.db, "empty.myshopify.com");
    expect(await governanceKpisOf(t.db, "empty.myshopify.com", { now })).toEqual({
      decisionAccuracy: { numerator: 0, denominator: 0, share: null },
      policyCompliance: { numerator: 0, denominator: 0, share: null },
      pendingApprovals: { count: 0, oldestAgeMs: null, medianAgeMs: null },
    });
  });
});
