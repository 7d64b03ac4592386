import { useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, FormLayout, InlineGrid, InlineStack, Layout, Page, Pagination, Select, Text, TextField } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { AGENT_NAMES } from "~/domain/agents/contract";
import type { Share } from "~/domain/governance/audit";
import { MESSAGE_STATUSES } from "~/domain/governance/autonomy";
import { decodeCursor, searchAuditTrail } from "~/services/governance/auditTrail.server";
import { auditParams, parseAuditParams, type AuditFilterFields } from "~/services/governance/auditSearchParams";
import { governanceKpisOf } from "~/services/governance/governanceKpis.server";

const KPI_DAYS = 30;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const { query, fields } = parseAuditParams(params);
  const store = await db();
  const now = new Date();
  const [page, kpis] = await Promise.all([
    searchAuditTrail(store, shop, query, { after: decodeCursor(params.get("after")), before: decodeCursor(params.get("before")) }),
    governanceKpisOf(store, shop, { now, since: new Date(now.getTime() - KPI_DAYS * 86_400_000) }),
  ]);
  return { page, kpis, fields };
};

const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const percent = (share: Share) => (share.share === null ? "No data" : `${(Math.round(share.share * 1000) / 10).toLocaleString("en-US")}%`);

function age(ms: number | null): string {
  if (ms === null) return "–";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

/** The audit trail: governance KPIs, a search over every message's audit record, and its exports. */
export default function Audit() {
  const { page, kpis, fields } = useLoaderData<typeof loader>();
  const link = (extra: Record<string, string | null>) => `/app/audit?${auditParams(fields, extra)}`;
  const exportUrl = (format: string) => `/app/audit/export?${auditParams(fields, { format })}`;
  return (
    <Page title="Audit" subtitle="Why each message was sent, held or blocked, who decided, and what was checked">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
              <Kpi
                title="Decision accuracy"
                value={percent(kpis.decisionAccuracy)}
                detail={`${kpis.decisionAccuracy.numerator} of ${kpis.decisionAccuracy.denominator} decided messages needed no edit or rejection (last ${KPI_DAYS} days).`}
              />
              <Kpi
                title="Policy compliance"
                value={percent(kpis.policyCompliance)}
                detail={`${kpis.policyCompliance.numerator} of ${kpis.policyCompliance.denominator} first drafts passed every check (last ${KPI_DAYS} days).`}
              />
              <Kpi
                title="Approvals pending"
                value={kpis.pendingApprovals.count.toLocaleString("en-US")}
                detail={kpis.pendingApprovals.count === 0 ? "Nothing is waiting." : `Oldest waiting ${age(kpis.pendingApprovals.oldestAgeMs)}, median ${age(kpis.pendingApprovals.medianAgeMs)}.`}
                action={kpis.pendingApprovals.count > 0 ? { label: "Open the queue", url: "/app/approvals" } : null}
              />
            </InlineGrid>
            <Filters key={JSON.stringify(fields)} fields={fields} />
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Audit records
                  </Text>
                  <InlineStack gap="300">
                    <a href={exportUrl("csv")} download>
                      Export CSV
                    </a>
                    <a href={exportUrl("json")} download>
                      Export JSON
                    </a>
                  </InlineStack>
                </InlineStack>
                {page.scanLimited ? (
                  <Banner tone="info" title="The search stopped part way">{`${page.scanned.toLocaleString("en-US")} records were searched for this page; the next page continues from where it stopped.`}</Banner>
                ) : null}
                {page.unreadable > 0 ? <Banner tone="warning" title={`${page.unreadable} records could not be read by this version and were skipped.`} /> : null}
                {page.rows.length === 0 ? (
                  <Text as="p">No audit record matches.</Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "text", "text", "text"]}
                    headings={["Decided", "Message", "Customer", "Agent", "Status", "Decided by", "Findings"]}
                    verticalAlign="top"
                    rows={page.rows.map((row) => [
                      minute(row.createdAt),
                      <BlockStack key="message" gap="050">
                        <RemixLink to={`/app/decisions/${encodeURIComponent(row.id)}`}>{row.messageType}</RemixLink>
                        <Text as="span" tone="subdued">
                          {row.subject}
                        </Text>
                      </BlockStack>,
                      row.customerId,
                      row.agent,
                      <Badge key="status" tone={row.status === "blocked" || row.status === "rejected" ? "critical" : row.status === "awaiting-approval" ? "attention" : row.status === "ready" || row.status === "approved" || row.status === "sent" ? "success" : undefined}>
                        {row.status}
                      </Badge>,
                      row.approval ? `${row.approval.decision} by ${row.approval.by}${row.approval.reason ? `: ${row.approval.reason}` : ""}` : row.route === "send" ? "the system" : "–",
                      row.violations === 0 ? "None" : `${row.violations}: ${row.rules.join(", ")}`,
                    ])}
                  />
                )}
                <InlineStack align="center">
                  <Pagination
                    hasPrevious={page.newer !== null}
                    previousURL={page.newer ? link({ before: page.newer }) : undefined}
                    hasNext={page.older !== null}
                    nextURL={page.older ? link({ after: page.older }) : undefined}
                    label="Newest first"
                  />
                </InlineStack>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Kpi({ title, value, detail, action }: { title: string; value: string; detail: string; action?: { label: string; url: string } | null }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          {title}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        <Text as="p" tone="subdued">
          {detail}
        </Text>
        {action ? (
          <InlineStack>
            <Button url={action.url} variant="plain">
              {action.label}
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function Filters({ fields }: { fields: AuditFilterFields }) {
  const [values, setValues] = useState(fields);
  const set = (name: keyof AuditFilterFields) => (value: string) => setValues((current) => ({ ...current, [name]: value }));
  return (
    <Card>
      <Form method="get">
        <BlockStack gap="300">
          <FormLayout>
            <FormLayout.Group>
              <TextField label="Search" name="q" value={values.q} onChange={set("q")} autoComplete="off" helpText="Ids, subject, reasoning, findings, rejection reasons, approver." />
              <TextField label="Customer id" name="customer" value={values.customer} onChange={set("customer")} autoComplete="off" />
              <TextField label="Rule" name="rule" value={values.rule} onChange={set("rule")} autoComplete="off" helpText='A rule or a family: "margin", "safety.off-domain-link".' />
            </FormLayout.Group>
            <FormLayout.Group>
              <Select label="Agent" name="agent" options={[{ value: "", label: "All agents" }, ...AGENT_NAMES.map((agent) => ({ value: agent, label: agent }))]} value={values.agent} onChange={set("agent")} />
              <Select label="Status" name="status" options={[{ value: "", label: "All statuses" }, ...MESSAGE_STATUSES.map((status) => ({ value: status, label: status }))]} value={values.status} onChange={set("status")} />
              <TextField label="From (UTC day)" name="from" type="date" value={values.from} onChange={set("from")} autoComplete="off" />
              <TextField label="To (UTC day, inclusive)" name="to" type="date" value={values.to} onChange={set("to")} autoComplete="off" />
            </FormLayout.Group>
          </FormLayout>
          <InlineStack gap="200">
            <Button submit variant="primary">
              Search
            </Button>
            <Button url="/app/audit">Clear</Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
