import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { getOutboxEmail, type OutboxChannel } from "~/services/delivery/outbox.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const email = await getOutboxEmail(await db(), shop, params.id ?? "");
  if (!email) throw new Response("No such email in this shop.", { status: 404 });
  return { email };
};

const TONE: Record<string, "success" | "critical" | "warning" | "info" | undefined> = { sent: "success", failed: "critical", unknown: "warning", deferred: "info", sending: "info" };
const minute = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "–");

const CHANNEL_TONE: Record<string, "success" | "critical" | "info" | undefined> = { sent: "success", failed: "critical", skipped: "info" };
const CHANNELS: Array<{ channel: OutboxChannel["channel"]; title: string; none: string }> = [
  { channel: "flow", title: "Flow trigger", none: "No Flow trigger was recorded for this message." },
  { channel: "metafields", title: "Customer metafields", none: "No customer metafields were recorded for this message." },
];
const preStyle = { whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0, fontFamily: "ui-monospace, monospace", fontSize: 12 } as const;

/**
 * One email as it went out: the envelope, every header, the HTML in a sandboxed frame (no scripts,
 * no same-origin access, no forms: `sandbox=""`), the plain-text part, and the server's answer;
 * beside it the message's other channels (the Flow trigger and the customer metafields sent to
 * Shopify, each with Shopify's answer) and a link to the decision behind all three.
 */
export default function OutboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  const payload = email.payload;
  const message = email.message;
  const from = payload ? (payload.from.name ? `${payload.from.name} <${payload.from.address}>` : payload.from.address) : "–";
  const to = payload ? (payload.toName ? `${payload.toName} <${payload.to}>` : payload.to) : "–";
  return (
    <Page title={payload?.subject ?? "Email"} subtitle={`To ${to}`} backAction={{ content: "Outbox", url: "/app/outbox" }} titleMetadata={<Badge tone={TONE[email.status]}>{email.status}</Badge>}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {email.status === "unknown" ? (
              <Card>
                <Text as="p" tone="caution">
                  The app stopped while this email was being handed to the SMTP server, so it may or may not have arrived. It was not sent again. Look for its Message-ID in your provider's log.
                </Text>
              </Card>
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Headers
                </Text>
                {/* A plain table: header values are long unbroken URLs that must wrap, not scroll. */}
                <table style={{ width: "100%", borderCollapse: "collapse", fontSize: 13 }}>
                  <tbody>
                    {[["From", from], ["To", to], ["Subject", payload?.subject ?? "–"], ...Object.entries(payload?.headers ?? {})].map(([name, value]) => (
                      <tr key={name} style={{ borderTop: "1px solid #e1e3e5" }}>
                        <th scope="row" style={{ textAlign: "left", verticalAlign: "top", padding: "6px 12px 6px 0", whiteSpace: "nowrap", fontWeight: 600 }}>
                          {name}
                        </th>
                        <td style={{ padding: "6px 0", overflowWrap: "anywhere", fontFamily: "ui-monospace, monospace" }}>{value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  HTML
                </Text>
                <iframe title="The email's HTML" sandbox="" referrerPolicy="no-referrer" srcDoc={payload?.html ?? ""} style={{ width: "100%", height: 640, border: "1px solid #e1e3e5", borderRadius: 8, background: "#fff" }} />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Plain text
                </Text>
                <Box padding="300" background="bg-surface-secondary" borderRadius="200">
                  <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0, fontFamily: "ui-monospace, monospace", fontSize: 13 }} aria-label="The email's plain text">
                    {payload?.text ?? ""}
                  </pre>
                </Box>
              </BlockStack>
            </Card>
            {CHANNELS.map(({ channel, title, none }) => {
              // One row per channel (the table's key); a list all the same, so nothing recorded is hidden.
              const rows = email.channels.filter((c) => c.channel === channel);
              if (rows.length === 0) {
                return (
                  <Card key={channel}>
                    <section aria-label={title}>
                      <BlockStack gap="200">
                        <Text as="h2" variant="headingMd">
                          {title}
                        </Text>
                        <Text as="p" tone="subdued">
                          {none}
                        </Text>
                      </BlockStack>
                    </section>
                  </Card>
                );
              }
              return rows.map((row, i) => (
                <Card key={`${channel}-${i}`}>
                  <section aria-label={title}>
                    <BlockStack gap="200">
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="h2" variant="headingMd">
                          {title}
                        </Text>
                        <Badge tone={CHANNEL_TONE[row.status]}>{row.status}</Badge>
                      </InlineStack>
                      <Text as="p" tone="subdued">{`Updated ${minute(row.updatedAt)}`}</Text>
                      <Box padding="300" background="bg-surface-secondary" borderRadius="200">
                        <pre style={preStyle} aria-label={`${title} payload`}>
                          {JSON.stringify(row.payload, null, 2)}
                        </pre>
                      </Box>
                      <Text as="h3" variant="headingSm">
                        Shopify's answer
                      </Text>
                      <pre style={preStyle} aria-label={`${title} response`}>
                        {JSON.stringify(row.response, null, 2)}
                      </pre>
                    </BlockStack>
                  </section>
                </Card>
              ));
            })}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Delivery
              </Text>
              <Text as="p">{`Message status: ${message?.status ?? "–"}`}</Text>
              <Text as="p">{`Attempts: ${message?.attempts ?? 0}`}</Text>
              <Text as="p">{`Sent: ${minute(message?.sentAt ?? null)}`}</Text>
              {message?.retryAt ? <Text as="p">{`Next attempt: ${minute(message.retryAt)}`}</Text> : null}
              {message?.lastError ? <Text as="p" tone="critical">{`Last error: ${message.lastError}`}</Text> : null}
              <Text as="p" tone="subdued">{`Updated ${minute(email.updatedAt)}`}</Text>
              {email.decisionId ? (
                <RemixLink to={`/app/decisions/${encodeURIComponent(email.decisionId)}`}>The decision behind this message</RemixLink>
              ) : (
                <Text as="p" tone="subdued">
                  The decision behind this message is no longer recorded.
                </Text>
              )}
              <Text as="h3" variant="headingSm">
                Server answer
              </Text>
              <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0, fontSize: 12 }}>{JSON.stringify(email.response, null, 2)}</pre>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
