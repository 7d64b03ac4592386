import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, ButtonGroup, Card, DataTable, InlineStack, Page, Pagination, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { reviewInbox } from "~/services/compliance/inboxReview.server";
import { PROBLEM_STATUSES, REVIEW_STATUSES, type ReviewStatus } from "~/services/compliance/inboxStatuses";

const FILTERS = ["problems", ...REVIEW_STATUSES] as const;
type Filter = (typeof FILTERS)[number];

const Query = z.object({
  status: z.enum(FILTERS).catch("problems"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const query = Query.parse({ status: params.get("status") ?? "problems", page: params.get("page") ?? "1" });
  const statuses: readonly ReviewStatus[] = query.status === "problems" ? PROBLEM_STATUSES : [query.status];
  return { filter: query.status, ...(await reviewInbox(await db(), shop, { statuses, page: query.page })) };
};

const LABEL: Record<Filter, string> = { problems: "All problems", invalid: "Invalid", failed: "Failed", ignored: "Ignored", pending: "Waiting" };
const TONE: Record<string, "critical" | "warning" | "info" | undefined> = { invalid: "critical", failed: "critical", ignored: "warning", pending: "info" };
const minute = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "–");

/** Events the app received but did not apply, with the reason, so nothing is lost silently. */
export default function Inbox() {
  const data = useLoaderData<typeof loader>();
  const count = (filter: Filter) => (filter === "problems" ? PROBLEM_STATUSES.reduce((sum, status) => sum + data.counts[status], 0) : data.counts[filter]);
  const url = (filter: Filter, page = 1) => `/app/inbox?${new URLSearchParams({ status: filter, page: String(page) })}`;
  return (
    <Page title="Inbox" subtitle="Events received from Shopify, the web pixel and history imports that were not applied">
      <Card>
        <BlockStack gap="400">
          <Text as="p" tone="subdued">
            Invalid events failed validation and are kept with their error, never retried. Failed events kept failing for another reason. Ignored events
            have no use yet or arrived for a shop that is not installed. Their raw bodies stay in the inbox.
          </Text>
          <ButtonGroup variant="segmented">
            {FILTERS.map((filter) => (
              <Button key={filter} url={url(filter)} pressed={data.filter === filter}>
                {`${LABEL[filter]} (${count(filter).toLocaleString("en-US")})`}
              </Button>
            ))}
          </ButtonGroup>
          {data.rows.length === 0 ? (
            <Text as="p">Nothing here: every event was applied.</Text>
          ) : (
            <DataTable
              columnContentTypes={["numeric", "text", "text", "text", "text", "numeric", "text"]}
              headings={["#", "Received", "Source", "Topic", "Status", "Attempts", "Error"]}
              verticalAlign="top"
              rows={data.rows.map((row) => [
                String(row.id),
                minute(row.receivedAt),
                row.source,
                row.topic,
                <Badge key="status" tone={TONE[row.status]}>
                  {row.status}
                </Badge>,
                String(row.attempts),
                <div key="error" style={{ maxWidth: 420, whiteSpace: "normal", wordBreak: "break-word" }}>
                  {row.error ?? "–"}
                </div>,
              ])}
            />
          )}
          <InlineStack align="center">
            <Pagination
              hasPrevious={data.page > 1}
              previousURL={url(data.filter, data.page - 1)}
              hasNext={data.page < data.pageCount}
              nextURL={url(data.filter, data.page + 1)}
              label={`Page ${data.page} of ${data.pageCount}`}
            />
          </InlineStack>
        </BlockStack>
      </Card>
    </Page>
  );
}
