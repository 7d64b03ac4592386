import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { formatMoney } from "~/domain/money/money";
import { getDecision } from "~/services/planning/decisionsView.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const store = await db();
  const decision = await getDecision(store, shop, params.id ?? "");
  if (!decision) throw new Response("No such decision in this shop.", { status: 404 });
  const shopRow = await store.shop.findUnique({ where: { id: shop }, select: { currencyCode: true } });
  return { decision, currencyCode: shopRow?.currencyCode ?? "USD" };
};

const minute = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "–");

/** One decision with its full reasoning trace: the agent's inputs and reasoning, the brief, and the planner's part. */
export default function DecisionTrace() {
  const { decision, currencyCode } = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney({ amountMinor: minor, currencyCode }, "en-US");
  const { trace, brief } = decision;
  const planner = trace.planner;
  const plannerLines = describePlanner(planner, money);
  return (
    <Page
      title={`${decision.agent}: ${decision.messageType}`}
      subtitle={`${decision.customer?.displayName ?? `Customer ${decision.customerId}`} · ${decision.subject}`}
      backAction={{ content: "Decisions", url: `/app/decisions?${new URLSearchParams({ run: decision.runId })}` }}
      titleMetadata={<Badge tone={decision.status === "planned" ? "success" : decision.status === "cancelled" ? "warning" : undefined}>{decision.status}</Badge>}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Reasoning
                </Text>
                <List type="number">
                  {trace.reasoning.map((line, i) => (
                    <List.Item key={i}>{line}</List.Item>
                  ))}
                </List>
                <Text as="p">
                  <Text as="span" fontWeight="semibold">
                    Action:{" "}
                  </Text>
                  {trace.action}
                </Text>
                <Text as="p">
                  <Text as="span" fontWeight="semibold">
                    Expected impact:{" "}
                  </Text>
                  {trace.expectedImpact}
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Planner
                </Text>
                <List>
                  {plannerLines.map((line, i) => (
                    <List.Item key={i}>{line}</List.Item>
                  ))}
                </List>
                {decision.cancelReason ? <Text as="p">{`Cancelled ${minute(decision.cancelledAt)}: ${decision.cancelReason}.`}</Text> : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Content brief
                </Text>
                {brief.products.length > 0 ? (
                  <DataTable
                    columnContentTypes={["text", "text", "numeric"]}
                    headings={["Product", "Id", "Price"]}
                    rows={brief.products.map((product) => [product.title, product.productId, money(product.priceMinor)])}
                  />
                ) : (
                  <Text as="p">No products.</Text>
                )}
                <InlineStack gap="200">
                  {Object.entries(brief.numbers).map(([name, value]) => (
                    <Badge key={name}>{`${name}: ${value}`}</Badge>
                  ))}
                  {Object.entries(brief.deadlines).map(([name, value]) => (
                    <Badge key={name} tone="info">{`${name}: ${value.slice(0, 10)}`}</Badge>
                  ))}
                  {brief.leadAttribute ? <Badge tone="success">{`leads with: ${brief.leadAttribute}`}</Badge> : null}
                  {brief.discount ? <Badge tone="attention">{`discount: ${Math.round(brief.discount * 100)}%`}</Badge> : null}
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Inputs
                </Text>
                <DataTable
                  columnContentTypes={["text", "text"]}
                  headings={["Input", "Value"]}
                  verticalAlign="top"
                  rows={Object.entries(trace.inputs).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)])}
                />
                <Text as="p" tone="subdued">
                  {`Decision ${decision.id}, run ${decision.runId}, planned for ${minute(decision.moment)}. Expected value ${money(decision.expectedValueMinor)} (${decision.method}).`}
                </Text>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function describePlanner(planner: Record<string, unknown>, money: (minor: number) => string): string[] {
  const text = (key: string) => (typeof planner[key] === "string" || typeof planner[key] === "number" ? String(planner[key]) : null);
  const budget = `Budget: ${text("limitPerWeek") ?? "?"} messages per shopper per week, ${text("alreadySentThisWeek") ?? "0"} already sent or scheduled in the last 7 days.`;
  if (planner.outcome === "planned") {
    return [
      `Scheduled for ${text("localSendAt") ?? "?"} in ${text("timeZone") ?? "?"} (${planner.timeZoneSource === "shopper" ? "the shopper's own time zone" : "the shop's time zone"}), ${minute(text("sendAt"))}.`,
      `Serves objective ${text("objectiveId") ?? "?"} with weight ${text("weight") ?? "?"}: weighted value ${text("score") ?? "?"} (minor units).`,
      typeof planner.discountCostMinor === "number" && planner.discountCostMinor > 0 ? `Its discount would cost up to ${money(planner.discountCostMinor)}, paid from the objective's discount budget.` : "No discount.",
      budget,
    ];
  }
  if (planner.outcome === "dropped") return [text("explanation") ?? "Dropped.", budget];
  return ["No planner record."];
}
