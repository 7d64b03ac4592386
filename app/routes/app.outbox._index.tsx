import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, Page, Pagination, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { listOutbox, OUTBOX_PAGE_SIZE } from "~/services/delivery/outbox.server";

const Query = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const { page } = Query.parse({ page: new URL(request.url).searchParams.get("page") ?? "1" });
  return { page, pageSize: OUTBOX_PAGE_SIZE, ...(await listOutbox(await db(), shop, page)) };
};

const DELIVERY_TONE: Record<string, "success" | "critical" | "warning" | "info" | undefined> = {
  sent: "success",
  failed: "critical",
  unknown: "warning",
  deferred: "info",
  sending: "info",
  skipped: undefined,
};

const minute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** What the email channel sent, or tried to: one row per message, newest first. */
export default function Outbox() {
  const { emails, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <Page title="Outbox" subtitle="The emails the app sent through your SMTP server, exactly as they went out">
      <Card>
        <BlockStack gap="400">
          {emails.length === 0 ? (
            <Text as="p">Nothing has been sent yet. Messages go out when they are due, once governance cleared them or a person approved them.</Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={["When", "Subject", "To", "Delivery", "Message"]}
              verticalAlign="middle"
              rows={emails.map((email) => [
                minute(email.updatedAt),
                <Link key="subject" to={`/app/outbox/${encodeURIComponent(email.messageId)}`}>
                  {email.subject}
                </Link>,
                email.to,
                <Badge key="delivery" tone={DELIVERY_TONE[email.status]}>
                  {email.status}
                </Badge>,
                email.messageStatus ?? "–",
              ])}
            />
          )}
          <Text as="p" tone="subdued">{`${total.toLocaleString("en-US")} emails`}</Text>
          {total > pageSize ? (
            <Pagination hasPrevious={page > 1} previousURL={`/app/outbox?page=${page - 1}`} hasNext={page * pageSize < total} nextURL={`/app/outbox?page=${page + 1}`} />
          ) : null}
        </BlockStack>
      </Card>
    </Page>
  );
}
