import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, ButtonGroup, Card, DataTable, InlineStack, Layout, Link, Page, Pagination, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { AGENT_NAMES } from "~/domain/agents/contract";
import { formatMoney } from "~/domain/money/money";
import { DROP_KINDS } from "~/domain/planner/dropReasons";
import { DECISION_STATUSES } from "~/services/planning/decisionStatuses";
import { getRun, isAgentName, listDecisions, listRuns } from "~/services/planning/decisionsView.server";

const Query = z.object({
  run: z.string().max(300).optional().catch(undefined),
  agent: z.string().max(60).optional().catch(undefined),
  status: z.enum(DECISION_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const query = Query.parse({ run: params.get("run") ?? undefined, agent: params.get("agent") ?? undefined, status: params.get("status") ?? undefined, page: params.get("page") ?? "1" });
  const store = await db();
  const [runs, shopRow] = await Promise.all([listRuns(store, shop), store.shop.findUnique({ where: { id: shop }, select: { currencyCode: true } })]);
  const runId = query.run ?? runs.find((run) => run.trigger === "schedule" && run.status === "finished")?.id ?? runs[0]?.id;
  const run = runId ? await getRun(store, shop, runId) : null;
  const agent = query.agent && isAgentName(query.agent) ? query.agent : undefined;
  const decisions = run ? await listDecisions(store, shop, { runId: run.id, agent, status: query.status, page: query.page }) : null;
  return { runs, run, decisions, agent: agent ?? null, status: query.status ?? null, currencyCode: shopRow?.currencyCode ?? "USD" };
};

const minute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "–");
const DROP_LABELS: Record<string, string> = {
  suppressed: "Suppressed shopper",
  "not-subscribed": "No email consent",
  "agent-not-allowed": "Agent not allowed by any objective",
  duplicate: "Already planned or sent",
  "no-send-window": "No send time outside quiet hours",
  "over-budget": "Over the weekly message budget",
  "discount-budget": "Discount budget spent",
};

export default function Decisions() {
  const { runs, run, decisions, agent, status, currencyCode } = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney({ amountMinor: minor, currencyCode }, "en-US");
  const url = (params: Record<string, string | null | undefined>) => {
    const merged = { run: run?.id, agent, status, ...params };
    return `/app/decisions?${new URLSearchParams(Object.entries(merged).filter((entry): entry is [string, string] => typeof entry[1] === "string"))}`;
  };
  return (
    <Page title="Decisions" subtitle="What the planner chose for each shopper, what it dropped and why">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Recent planning runs
                </Text>
                {runs.length === 0 ? (
                  <Text as="p">No planning run yet. Runs happen on a schedule and when a cart is abandoned or an order placed, once an objective is active.</Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "numeric", "numeric", "numeric", "numeric"]}
                    headings={["Planned for", "Trigger", "Status", "Shoppers", "Planned", "Dropped", "Cancelled"]}
                    rows={runs.map((row) => [
                      <RemixLink key="run" to={`/app/decisions?${new URLSearchParams({ run: row.id })}`}>
                        {minute(row.moment)}
                      </RemixLink>,
                      row.event ? `event: ${row.event}` : row.trigger,
                      <Badge key="status" tone={row.status === "failed" ? "critical" : row.status === "running" ? "info" : "success"}>
                        {row.status}
                      </Badge>,
                      row.counts.shoppers.toLocaleString("en-US"),
                      sum(row.counts.plannedByAgent).toLocaleString("en-US"),
                      sum(row.counts.droppedByReason).toLocaleString("en-US"),
                      row.counts.cancelled.toLocaleString("en-US"),
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
            {run ? (
              <>
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {`Run planned for ${minute(run.moment)}`}
                    </Text>
                    <Text as="p" tone="subdued">
                      {[
                        `${run.counts.shoppers.toLocaleString("en-US")} shoppers (${run.counts.suppressed.toLocaleString("en-US")} suppressed), ${run.counts.proposals.toLocaleString("en-US")} proposals.`,
                        run.counts.models ? `Lifetime value: ${run.counts.models.btyd}. Intent: ${run.counts.models.intent}.` : "",
                        run.counts.newsletterDue ? "The bestseller newsletter was due." : "",
                        run.counts.note ?? "",
                        run.error ? `Failed: ${run.error.split("\n")[0]}` : "",
                      ]
                        .filter(Boolean)
                        .join(" ")}
                    </Text>
                    <Text as="h3" variant="headingSm">
                      Decisions per agent
                    </Text>
                    <DataTable
                      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                      headings={["Agent", "Proposed", "Planned", "Dropped", "Cancelled"]}
                      rows={AGENT_NAMES.map((name) => [
                        <RemixLink key="agent" to={url({ agent: name, page: null })}>
                          {name}
                        </RemixLink>,
                        (run.counts.proposedByAgent[name] ?? 0).toLocaleString("en-US"),
                        (run.counts.plannedByAgent[name] ?? 0).toLocaleString("en-US"),
                        sum(run.counts.droppedByAgent[name] ?? {}).toLocaleString("en-US"),
                        (run.counts.cancelledByAgent[name] ?? 0).toLocaleString("en-US"),
                      ])}
                    />
                    <Text as="h3" variant="headingSm">
                      Dropped, by reason
                    </Text>
                    <DataTable
                      columnContentTypes={["text", "numeric", ...AGENT_NAMES.map(() => "numeric" as const)]}
                      headings={["Reason", "Proposals", ...AGENT_NAMES]}
                      rows={DROP_KINDS.filter((kind) => (run.counts.droppedByReason[kind] ?? 0) > 0).map((kind) => [
                        DROP_LABELS[kind] ?? kind,
                        (run.counts.droppedByReason[kind] ?? 0).toLocaleString("en-US"),
                        ...AGENT_NAMES.map((name) => (run.counts.droppedByAgent[name]?.[kind] ?? 0).toLocaleString("en-US")),
                      ])}
                    />
                    <Text as="p" tone="subdued">
                      Drops that follow from the shopper alone (suppressed, no email consent) are counted here; the others are listed below with their reasoning.
                    </Text>
                  </BlockStack>
                </Card>
                {decisions ? (
                  <Card>
                    <BlockStack gap="300">
                      <InlineStack align="space-between" blockAlign="center">
                        <Text as="h2" variant="headingMd">
                          {`${decisions.total.toLocaleString("en-US")} decisions${agent ? ` by ${agent}` : ""}${status ? `, ${status}` : ""}`}
                        </Text>
                        <ButtonGroup variant="segmented">
                          <Button url={url({ status: null, page: null })} pressed={status === null}>
                            All
                          </Button>
                          {DECISION_STATUSES.map((value) => (
                            <Button key={value} url={url({ status: value, page: null })} pressed={status === value}>
                              {value}
                            </Button>
                          ))}
                        </ButtonGroup>
                      </InlineStack>
                      {agent ? (
                        <Link url={url({ agent: null, page: null })} removeUnderline>
                          Show every agent
                        </Link>
                      ) : null}
                      <DataTable
                        columnContentTypes={["text", "text", "text", "text", "numeric", "text"]}
                        headings={["Customer", "Message", "Status", "Send at (UTC)", "Expected value", "Why not"]}
                        verticalAlign="top"
                        rows={decisions.rows.map((row) => [
                          <RemixLink key="id" to={`/app/decisions/${encodeURIComponent(row.id)}`}>
                            {row.customerId}
                          </RemixLink>,
                          <BlockStack key="message" gap="050">
                            <Text as="span">{row.messageType}</Text>
                            <Text as="span" tone="subdued">
                              {row.subject.length > 36 ? `${row.subject.slice(0, 35)}…` : row.subject}
                            </Text>
                          </BlockStack>,
                          <Badge key="status" tone={row.status === "planned" ? "success" : row.status === "cancelled" ? "warning" : undefined}>
                            {row.status}
                          </Badge>,
                          row.sendAt ? row.sendAt.slice(5, 16).replace("T", " ") : "–",
                          money(row.expectedValueMinor),
                          row.dropReason ? (DROP_LABELS[row.dropReason] ?? row.dropReason) : (row.cancelReason ?? ""),
                        ])}
                      />
                      <InlineStack align="center">
                        <Pagination
                          hasPrevious={decisions.page > 1}
                          previousURL={url({ page: String(decisions.page - 1) })}
                          hasNext={decisions.page < decisions.pageCount}
                          nextURL={url({ page: String(decisions.page + 1) })}
                          label={`Page ${decisions.page} of ${decisions.pageCount}`}
                        />
                      </InlineStack>
                    </BlockStack>
                  </Card>
                ) : null}
              </>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((total, value) => total + value, 0);
}
