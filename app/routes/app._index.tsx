import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, DataTable, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { formatMoney } from "~/domain/money/money";
import { getStoreOverview } from "~/services/storeOverview.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return getStoreOverview(await db(), shop);
};

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
      </BlockStack>
    </Card>
  );
}

const count = (n: number) => n.toLocaleString("en-US");
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "–");

export default function Overview() {
  const overview = useLoaderData<typeof loader>();
  const currency = overview.shop?.currencyCode ?? "USD";
  return (
    <Page title="Overview" subtitle={overview.shop?.name ?? undefined}>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            <Figure label="Customers" value={count(overview.customers.total)} />
            <Figure label="Orders" value={count(overview.orders.total)} />
            <Figure label="Revenue" value={formatMoney({ amountMinor: overview.orders.revenueMinor, currencyCode: currency }, "en-US")} />
            <Figure label="Products" value={count(overview.catalog.products)} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Email marketing consent
              </Text>
              <Text as="p" tone="subdued">
                Marketing email goes only to customers who are subscribed.
              </Text>
              <DataTable
                columnContentTypes={["text", "numeric"]}
                headings={["State", "Customers"]}
                rows={overview.customers.byConsent.map((row) => [row.state, count(row.count)])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Store data
              </Text>
              <DataTable
                columnContentTypes={["text", "numeric"]}
                headings={["", ""]}
                rows={[
                  ["Orders from", day(overview.orders.first)],
                  ["Orders to", day(overview.orders.last)],
                  ["Cancelled orders", count(overview.orders.cancelled)],
                  ["Categories", count(overview.catalog.categories)],
                  ["Variants out of stock", count(overview.catalog.outOfStockVariants)],
                  ["Open carts", count(overview.carts.open)],
                  ["Abandoned checkouts", count(overview.carts.abandonedCheckouts)],
                  ["Browsing events", count(overview.browsing.events)],
                  ["Loyalty ledger entries", count(overview.loyalty.entries)],
                  ["Events waiting to be applied", count(overview.inbox.pending)],
                  ["Events rejected as invalid", count(overview.inbox.invalid)],
                ]}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
