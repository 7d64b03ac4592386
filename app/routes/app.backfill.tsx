import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { adminGraphqlFrom } from "~/adapters/shopify/bulkOperation.server";
import { db } from "~/db.server";
import type { BackfillRunStatus } from "~/domain/backfill/backfillPlan";
import { logger } from "~/logger.server";
import { advanceBackfillInBackground } from "~/services/backfill/backfillInBackground.server";
import { listBackfills } from "~/services/backfill/backfillRuns.server";
import { startBackfill } from "~/services/backfill/startBackfill.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await requireAdmin(request);
  const store = await db();
  const backfills = await listBackfills(store, context.shop);
  const active = backfills.some((backfill) => backfill.status === "active");
  // Polling here as well as by webhook: a missed bulk_operations/finish is picked up when the page is open.
  if (context.mode === "shopify" && active) {
    const graphql = adminGraphqlFrom(context.admin);
    void advanceBackfillInBackground(store, context.shop, async () => graphql, logger().child({ component: "backfill" }));
  }
  return {
    demo: context.mode === "demo",
    active,
    backfills: backfills.map((backfill) => ({
      ...backfill,
      startedAt: backfill.startedAt.toISOString(),
      finishedAt: backfill.finishedAt?.toISOString() ?? null,
    })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await requireAdmin(request);
  if (context.mode === "demo") return { ok: false as const, error: "The demo has no Shopify store to import from." };
  const result = await startBackfill(await db(), adminGraphqlFrom(context.admin), { shopId: context.shop, requestedBy: "admin" });
  return result.ok ? { ok: true as const, error: null } : { ok: false as const, error: result.error };
};

const STATUS: Record<BackfillRunStatus, { label: string; tone?: "info" | "success" | "critical" | "attention" }> = {
  queued: { label: "Waiting" },
  created: { label: "Starting", tone: "info" },
  running: { label: "Shopify is exporting", tone: "info" },
  ready: { label: "Ready to import", tone: "info" },
  importing: { label: "Importing", tone: "info" },
  interrupted: { label: "Interrupted, will resume", tone: "attention" },
  applied: { label: "Imported", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
};

const RESOURCE_LABEL = { products: "Products", customers: "Customers", orders: "Orders" } as const;
const count = (n: number) => n.toLocaleString("en-US");
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "–");

export default function HistoryImport() {
  const { demo, active, backfills } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { revalidate } = useRevalidator();

  // While an import runs, reload every few seconds: progress moves, and each load polls Shopify.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(revalidate, 5_000);
    return () => clearInterval(timer);
  }, [active, revalidate]);

  return (
    <Page title="History import" subtitle="Orders, customers and products from before the app was installed">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="p">
                When the app is installed it asks Shopify for the store&apos;s history (products, customers with their email consent, and
                every order with its line items and the visit that led to it) and feeds it through the same projections as live webhooks.
                You can import it again here, for example after a long uninstall.
              </Text>
              {demo ? (
                <Banner tone="info" title="Not available in the demo">
                  The demo store has no Shopify admin to export from: its history reaches the app through signed webhooks, the way live
                  events do. In a real store this page starts a bulk export and shows its progress.
                </Banner>
              ) : null}
              {result?.error ? (
                <Banner tone="critical" title="The import did not start">
                  {result.error}
                </Banner>
              ) : null}
              {result?.ok ? <Banner tone="success" title="History import started" /> : null}
              <Form method="post">
                <InlineStack gap="300" blockAlign="center">
                  <Button submit variant="primary" disabled={demo || active} loading={navigation.state === "submitting"}>
                    Start history import
                  </Button>
                  {active ? <Text as="span" tone="subdued">An import is in progress.</Text> : null}
                </InlineStack>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
        {backfills.length === 0 ? (
          <Layout.Section>
            <Card>
              <Text as="p" tone="subdued">
                No history import has run for this store yet.
              </Text>
            </Card>
          </Layout.Section>
        ) : (
          backfills.map((backfill) => (
            <Layout.Section key={backfill.backfillId}>
              <Card>
                <BlockStack gap="300">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      Started {when(backfill.startedAt)}
                    </Text>
                    <Badge tone={backfill.status === "applied" ? "success" : backfill.status === "failed" ? "critical" : "info"}>
                      {backfill.status === "active" ? "In progress" : backfill.status === "applied" ? "Done" : "Failed"}
                    </Badge>
                    <Text as="span" tone="subdued">
                      {backfill.requestedBy === "install" ? "at install" : "on request"}
                      {backfill.finishedAt ? `, finished ${when(backfill.finishedAt)}` : ""}
                    </Text>
                  </InlineStack>
                  <DataTable
                    columnContentTypes={["text", "text", "numeric", "text", "text"]}
                    headings={["", "Status", "Records", "Progress", "Note"]}
                    rows={backfill.stages.map((stage) => [
                      RESOURCE_LABEL[stage.resource],
                      <Badge key="status" tone={STATUS[stage.status].tone}>
                        {STATUS[stage.status].label}
                      </Badge>,
                      stage.total > 0 ? `${count(stage.done)} of ${count(stage.total)}` : count(stage.done),
                      stage.fraction === null ? "–" : <ProgressBar key="progress" progress={Math.round(stage.fraction * 100)} size="small" />,
                      stage.error ?? "",
                    ])}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
          ))
        )}
      </Layout>
    </Page>
  );
}
