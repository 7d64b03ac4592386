import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, IndexTable, InlineStack, Layout, List, Page, Pagination, Text, TextField, useIndexResourceState } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { REJECTION_REASON_MAX } from "~/domain/governance/autonomy";
import { decideMessages, governanceActor, listApprovalQueue, splitParagraphs, type DecisionAction, type DecisionOutcome, type QueueItem } from "~/services/governance/approvals.server";

const Query = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const query = Query.parse({ page: new URL(request.url).searchParams.get("page") ?? "1" });
  return listApprovalQueue(await db(), shop, { page: query.page });
};

const Id = z.string().min(1).max(500);
const Version = z.string().max(40).optional();
const Reason = z.string().max(REJECTION_REASON_MAX * 4);
const Single = z.object({ id: Id, seen: Version });
const Intent = z.discriminatedUnion("intent", [
  Single.extend({ intent: z.literal("approve") }),
  Single.extend({ intent: z.literal("reject"), reason: Reason }),
  Single.extend({
    intent: z.literal("edit"),
    subject: z.string().max(1_000),
    preheader: z.string().max(1_000),
    paragraphs: z.string().max(20_000),
    callToActionLabel: z.string().max(500),
  }),
  z.object({ intent: z.literal("bulk-approve") }),
  z.object({ intent: z.literal("bulk-reject"), reason: Reason }),
]);
const BulkIds = z.array(Id).min(1, "Select at least one message.").max(200);

type ActionResult = { intent: string; results: DecisionOutcome[]; succeeded: number; failed: number; error?: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await requireAdmin(request);
  const form = await request.formData();
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ intent: "unknown", results: [] as DecisionOutcome[], succeeded: 0, failed: 0, error: "Unknown action." } satisfies ActionResult, { status: 400 });
  const input = parsed.data;
  const actor = governanceActor(context);
  const now = new Date();
  const store = await db();
  let targets: Array<{ messageId: string; seen?: string | null }>;
  let decision: DecisionAction;
  if (input.intent === "bulk-approve" || input.intent === "bulk-reject") {
    const ids = BulkIds.safeParse(form.getAll("ids"));
    if (!ids.success) return json({ intent: input.intent, results: [] as DecisionOutcome[], succeeded: 0, failed: 0, error: ids.error.issues[0]?.message ?? "Select messages." } satisfies ActionResult, { status: 400 });
    targets = ids.data.map((messageId) => ({ messageId, seen: stringOrNull(form.get(`seen.${messageId}`)) }));
    decision = input.intent === "bulk-approve" ? { kind: "approve" } : { kind: "reject", reason: input.reason };
  } else {
    targets = [{ messageId: input.id, seen: input.seen ?? null }];
    decision =
      input.intent === "approve"
        ? { kind: "approve" }
        : input.intent === "reject"
          ? { kind: "reject", reason: input.reason }
          : { kind: "edit", edit: { subject: input.subject, preheader: input.preheader, paragraphs: splitParagraphs(input.paragraphs), callToActionLabel: input.callToActionLabel } };
  }
  const report = await decideMessages(store, actor, targets, decision, now);
  return json({ intent: input.intent, ...report } satisfies ActionResult, { status: httpStatus(report.results) });
};

/** 200 when anything went through; otherwise 404 (none in this shop), 409 (changed or already decided), 400 (the input). */
function httpStatus(results: readonly DecisionOutcome[]): number {
  const failures = results.flatMap((r) => (r.ok ? [] : [r.code]));
  if (failures.length < results.length) return 200;
  if (failures.every((code) => code === "not-found")) return 404;
  if (failures.every((code) => code === "not-found" || code === "changed-meanwhile" || code === "not-awaiting-approval")) return 409;
  return 400;
}

function stringOrNull(value: FormDataEntryValue | null): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

const minute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "–");
const STATUS_WORDS: Record<string, string> = {
  approved: "approved",
  rejected: "rejected",
  ready: "cleared to send after the critic re-checked the edit",
  blocked: "blocked by the critic's re-check",
  "awaiting-approval": "back in the queue: the critic flagged the edit",
  "edited-approved": "edited, waiting for the critic's re-check",
};

/** The approval queue: messages waiting for a person, oldest first, one by one or in bulk. */
export default function Approvals() {
  const queue = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(queue.rows.map((row) => ({ ...row })));
  const [bulkReject, setBulkReject] = useState(false);
  const [bulkReason, setBulkReason] = useState("");
  const selected = allResourcesSelected ? queue.rows.map((row) => row.id) : selectedResources;
  const busy = navigation.state !== "idle";
  const bulk = (intent: "bulk-approve" | "bulk-reject") => {
    const data = new FormData();
    data.set("intent", intent);
    if (intent === "bulk-reject") data.set("reason", bulkReason);
    for (const id of selected) {
      data.append("ids", id);
      const row = queue.rows.find((r) => r.id === id);
      if (row) data.set(`seen.${id}`, row.version);
    }
    submit(data, { method: "post" });
    clearSelection();
    setBulkReject(false);
    setBulkReason("");
  };
  return (
    <Page title="Approvals" subtitle="Messages waiting for your decision before they can be sent">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? <ResultBanner result={result} /> : null}
            {queue.unreadable.length > 0 ? <Banner tone="warning" title="Some messages cannot be shown">{queue.unreadable.join(" ")}</Banner> : null}
            <Card padding="0">
              <Box padding="400">
                <Text as="h2" variant="headingMd">
                  {queue.total === 0 ? "Nothing is waiting for approval" : `${queue.total.toLocaleString("en-US")} ${queue.total === 1 ? "message is" : "messages are"} waiting, oldest first`}
                </Text>
              </Box>
              {bulkReject ? (
                <Box padding="400" borderBlockStartWidth="025" borderColor="border">
                  <BlockStack gap="200">
                    <TextField
                      label={`Reason for rejecting ${selected.length} selected ${selected.length === 1 ? "message" : "messages"}`}
                      value={bulkReason}
                      onChange={setBulkReason}
                      autoComplete="off"
                      multiline={2}
                      helpText="Kept in each message's audit trail."
                    />
                    <InlineStack gap="200">
                      <Button variant="primary" tone="critical" onClick={() => bulk("bulk-reject")} disabled={selected.length === 0} loading={busy}>
                        Reject selected
                      </Button>
                      <Button onClick={() => setBulkReject(false)}>Cancel</Button>
                    </InlineStack>
                  </BlockStack>
                </Box>
              ) : null}
              <IndexTable
                resourceName={{ singular: "message", plural: "messages" }}
                itemCount={queue.rows.length}
                selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                onSelectionChange={handleSelectionChange}
                headings={[{ title: "Customer" }, { title: "Agent" }, { title: "Subject" }, { title: "Send at" }, { title: "Waiting since" }]}
                promotedBulkActions={[
                  { content: "Approve selected", onAction: () => bulk("bulk-approve") },
                  { content: "Reject selected…", onAction: () => setBulkReject(true) },
                ]}
                emptyState={<Box padding="400">{"When a planning run routes messages to you, they appear here."}</Box>}
              >
                {queue.rows.map((row, index) => (
                  <IndexTable.Row id={row.id} key={row.id} position={index} selected={selectedResources.includes(row.id)}>
                    <IndexTable.Cell>{row.customerName}</IndexTable.Cell>
                    <IndexTable.Cell>{row.agent}</IndexTable.Cell>
                    <IndexTable.Cell>{row.draft.subject}</IndexTable.Cell>
                    <IndexTable.Cell>{minute(row.sendAt)}</IndexTable.Cell>
                    <IndexTable.Cell>{minute(row.awaitingSince)}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
              {queue.pageCount > 1 ? (
                <Box padding="400">
                  <InlineStack align="center">
                    <Pagination
                      hasPrevious={queue.page > 1}
                      previousURL={`/app/approvals?page=${queue.page - 1}`}
                      hasNext={queue.page < queue.pageCount}
                      nextURL={`/app/approvals?page=${queue.page + 1}`}
                      label={`Page ${queue.page} of ${queue.pageCount}`}
                    />
                  </InlineStack>
                </Box>
              ) : null}
            </Card>
            {queue.rows.map((row) => (
              <MessageCard key={`${row.id}@${row.version}`} row={row} busy={busy} />
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ResultBanner({ result }: { result: ActionResult }) {
  if (result.error) return <Banner tone="critical" title={result.error} />;
  const done = result.results.filter((r): r is Extract<DecisionOutcome, { ok: true }> => r.ok);
  const failed = result.results.filter((r): r is Extract<DecisionOutcome, { ok: false }> => !r.ok);
  return (
    <BlockStack gap="200">
      {done.length > 0 ? (
        <Banner tone="success" title={done.length === 1 ? `The message was ${STATUS_WORDS[done[0]!.status] ?? done[0]!.status}.` : `${done.length} messages done.`}>
          {done.some((r) => r.recheck && r.recheck.violations.length > 0) ? (
            <List>
              {done.flatMap((r) => (r.recheck?.violations ?? []).map((v, i) => <List.Item key={`${r.messageId}-${i}`}>{v.message}</List.Item>))}
            </List>
          ) : null}
        </Banner>
      ) : null}
      {failed.length > 0 ? (
        <Banner tone="critical" title={failed.length === 1 ? "The message was not changed" : `${failed.length} messages were not changed`}>
          <List>
            {failed.map((r) => (
              <List.Item key={r.messageId}>{failed.length === 1 ? r.message : `${r.messageId}: ${r.message}`}</List.Item>
            ))}
          </List>
        </Banner>
      ) : null}
    </BlockStack>
  );
}

function MessageCard({ row, busy }: { row: QueueItem; busy: boolean }) {
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState("");
  const [edit, setEdit] = useState({
    subject: row.draft.subject,
    preheader: row.draft.preheader,
    paragraphs: row.draft.paragraphs.join("\n\n"),
    callToActionLabel: row.draft.callToAction.label,
  });
  const field = (name: keyof typeof edit) => (value: string) => setEdit((current) => ({ ...current, [name]: value }));
  return (
    <div data-message-id={row.id}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {`${row.customerName} · ${row.agent} · ${row.messageType}`}
            </Text>
            <InlineStack gap="200">
              <Badge>{`send ${minute(row.sendAt)}`}</Badge>
              <RemixLink to={`/app/decisions/${encodeURIComponent(row.id)}`}>Decision</RemixLink>
            </InlineStack>
          </InlineStack>
          <BlockStack gap="100">
            <Text as="p" fontWeight="semibold">
              Why it waits for you
            </Text>
            <List>
              {row.reasons.map((reason, i) => (
                <List.Item key={i}>{reason}</List.Item>
              ))}
            </List>
            {row.violations.length > 0 ? (
              <>
                <Text as="p" fontWeight="semibold" tone="critical">
                  {`Findings (${row.violations[0]!.stage})`}
                </Text>
                <List>
                  {row.violations.map((violation, i) => (
                    <List.Item key={i}>{`${violation.rule}: ${violation.message}`}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
          </BlockStack>
          <Box padding="300" background="bg-surface-secondary" borderRadius="200">
            <BlockStack gap="200">
              <Text as="p" fontWeight="bold">
                {row.draft.subject}
              </Text>
              {row.draft.preheader ? (
                <Text as="p" tone="subdued">
                  {row.draft.preheader}
                </Text>
              ) : null}
              <Text as="p">{row.draft.greeting}</Text>
              {row.draft.paragraphs.map((paragraph, i) => (
                <Text as="p" key={i}>
                  {paragraph}
                </Text>
              ))}
              <InlineStack gap="200" blockAlign="center">
                <Badge tone="info">{row.draft.callToAction.label}</Badge>
                <Text as="span" tone="subdued">
                  {row.draft.callToAction.url}
                </Text>
              </InlineStack>
              <Text as="p">{row.draft.signOff}</Text>
            </BlockStack>
          </Box>
          {editing ? (
            <Form method="post">
              <input type="hidden" name="intent" value="edit" />
              <input type="hidden" name="id" value={row.id} />
              <input type="hidden" name="seen" value={row.version} />
              <BlockStack gap="200">
                <TextField label="Subject" name="subject" value={edit.subject} onChange={field("subject")} autoComplete="off" />
                <TextField label="Preheader" name="preheader" value={edit.preheader} onChange={field("preheader")} autoComplete="off" />
                <TextField label="Paragraphs" name="paragraphs" value={edit.paragraphs} onChange={field("paragraphs")} multiline={6} autoComplete="off" helpText="Separate paragraphs with a blank line." />
                <TextField label="Button label" name="callToActionLabel" value={edit.callToActionLabel} onChange={field("callToActionLabel")} autoComplete="off" />
                <Text as="p" tone="subdued">
                  The edited copy is checked again by the critic before it can be sent.
                </Text>
                <InlineStack gap="200">
                  <Button submit variant="primary" loading={busy}>
                    Save edit
                  </Button>
                  <Button onClick={() => setEditing(false)}>Cancel</Button>
                </InlineStack>
              </BlockStack>
            </Form>
          ) : (
            <InlineStack gap="400" blockAlign="end" wrap>
              <Form method="post">
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="id" value={row.id} />
                <input type="hidden" name="seen" value={row.version} />
                <Button submit variant="primary" disabled={busy}>
                  Approve
                </Button>
              </Form>
              <Button onClick={() => setEditing(true)}>Edit</Button>
              <Form method="post">
                <input type="hidden" name="intent" value="reject" />
                <input type="hidden" name="id" value={row.id} />
                <input type="hidden" name="seen" value={row.version} />
                <InlineStack gap="200" blockAlign="end">
                  <TextField label="Reason for rejecting" name="reason" value={reason} onChange={setReason} autoComplete="off" />
                  <Button submit tone="critical" disabled={busy}>
                    Reject
                  </Button>
                </InlineStack>
              </Form>
            </InlineStack>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
