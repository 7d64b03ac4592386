import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, DataTable, InlineStack, Link, Page, Pagination, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { listComplianceExports } from "~/services/compliance/complianceExports.server";

const Query = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const query = Query.parse({ page: new URL(request.url).searchParams.get("page") ?? "1" });
  return listComplianceExports(await db(), shop, { page: query.page });
};

const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** customers/data_request exports: what the merchant hands over when a customer asks for their data. */
export default function DataRequests() {
  const list = useLoaderData<typeof loader>();
  return (
    <Page title="Data requests" backAction={{ content: "Customers", url: "/app/customers" }}>
      <Card>
        <BlockStack gap="300">
          <Text as="p" tone="subdued">
            When a customer asks the store for their data, Shopify sends a data request and the app prepares an export of everything it holds about them.
            Send the file to the customer. An export is removed when the customer&apos;s data is erased.
          </Text>
          {list.rows.length === 0 ? (
            <Text as="p">No data requests yet.</Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text"]}
              headings={["Requested", "Customer", "Export"]}
              rows={list.rows.map((row) => [
                minute(row.requestedAt),
                <Link key="customer" url={`/app/customers/${row.customerId}`} removeUnderline>
                  {row.customerId}
                </Link>,
                <Link key="download" url={`/app/customers/exports/${row.id}`} target="_blank">
                  Download JSON
                </Link>,
              ])}
            />
          )}
          <InlineStack align="center">
            <Pagination
              hasPrevious={list.page > 1}
              previousURL={`/app/customers/exports?page=${list.page - 1}`}
              hasNext={list.page < list.pageCount}
              nextURL={`/app/customers/exports?page=${list.page + 1}`}
              label={`Page ${list.page} of ${list.pageCount}`}
            />
          </InlineStack>
        </BlockStack>
      </Card>
    </Page>
  );
}
