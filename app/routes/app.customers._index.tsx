import { useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, DataTable, InlineStack, Link, Page, Pagination, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { formatMoney } from "~/domain/money/money";
import { listCustomers } from "~/services/profiles/customerList.server";

const ListQuery = z.object({
  q: z.string().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const query = ListQuery.parse({ q: params.get("q") ?? "", page: params.get("page") ?? "1" });
  return listCustomers(await db(), shop, { search: query.q, page: query.page });
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "–");

export default function Customers() {
  const list = useLoaderData<typeof loader>();
  const [search, setSearch] = useState(list.search);
  const pageUrl = (page: number) => `/app/customers?${new URLSearchParams({ ...(list.search ? { q: list.search } : {}), page: String(page) })}`;
  return (
    <Page title="Customers" subtitle={`${list.total.toLocaleString("en-US")} customers`} secondaryActions={[{ content: "Data requests", url: "/app/customers/exports" }]}>
      <Card>
        <BlockStack gap="400">
          <Form method="get" action="/app/customers">
            <InlineStack gap="200" blockAlign="end">
              <div style={{ flex: 1 }}>
                <TextField label="Search customers" name="q" value={search} onChange={setSearch} placeholder="Email, name or customer id" autoComplete="off" />
              </div>
              <Button submit>Search</Button>
            </InlineStack>
          </Form>
          {list.rows.length === 0 ? (
            <Text as="p" tone="subdued">
              {list.search ? `No customers match "${list.search}".` : "No customers yet. They appear as Shopify sends them."}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "numeric", "text"]}
              headings={["Customer", "Email", "Email marketing", "Orders", "Spent", "Last order"]}
              rows={list.rows.map((row) => [
                <InlineStack key="name" gap="200" wrap={false}>
                  <Link url={`/app/customers/${row.id}`} removeUnderline>
                    {row.name}
                  </Link>
                  {row.redacted ? <Badge tone="warning">Redacted</Badge> : row.deleted ? <Badge>Deleted</Badge> : null}
                </InlineStack>,
                row.email ?? "–",
                <Badge key="consent" tone={row.canEmail ? "success" : undefined}>
                  {row.consent.toLowerCase().replace("_", " ")}
                </Badge>,
                row.orders.toLocaleString("en-US"),
                formatMoney({ amountMinor: row.spentMinor, currencyCode: list.currencyCode }, "en-US"),
                day(row.lastOrderAt),
              ])}
            />
          )}
          <InlineStack align="center">
            <Pagination
              hasPrevious={list.page > 1}
              previousURL={pageUrl(list.page - 1)}
              hasNext={list.page < list.pageCount}
              nextURL={pageUrl(list.page + 1)}
              label={`Page ${list.page} of ${list.pageCount}`}
            />
          </InlineStack>
        </BlockStack>
      </Card>
    </Page>
  );
}
