import type { Db } from "~/db.server";
import { AGENT_NAMES, type AgentName } from "~/domain/agents/contract";
import { deliverSideChannels } from "~/jobs/deliveryTick.server";
import { DEMO_ADMIN } from "~/demoAccount";
import { decideMessage, governanceActor } from "~/services/governance/approvals.server";
import { sendDueMessages, type SendReport } from "~/services/delivery/sendMessages.server";
import { saveSmtpSettings, smtpTransportForShop } from "~/services/delivery/smtpSettings.server";
import { DAY_MS } from "~/domain/shared/time";
import type { LocalSmtpServer } from "./localSmtpServer";

/**
 * The demo's last step: the messages governance cleared go out through the app's real sender to a
 * local SMTP server the demo started (the shop's SMTP settings point at it), then their Flow
 * triggers and metafields are recorded (demo mode calls no Shopify). Planned sends lie in the
 * next hours and days, so the demo delivers what is due within DEMO_HORIZON_DAYS: it runs the
 * sender with its clock that far ahead. An agent with nothing cleared (everything waiting for
 * approval) gets one message approved by the demo admin, the way a merchant would in the
 * Approvals page, so the outbox shows every agent; the approval is in that message's audit trail.
 */
export const DEMO_HORIZON_DAYS = 3;

export type DemoDeliverySummary = {
  smtp: string;
  approvedByDemoAdmin: Record<string, string>;
  email: SendReport;
  receivedByAgent: Record<AgentName, number>;
  flowAndMetafields: number;
  example: { messageId: string; agent: string; to: string; subject: string; flow: unknown; metafields: unknown } | null;
};

export async function configureDemoSmtp(store: Db, shopId: string, smtp: Pick<LocalSmtpServer, "host" | "port">, encryptionKey: string | undefined): Promise<void> {
  const saved = await saveSmtpSettings(
    store,
    shopId,
    { host: smtp.host, port: String(smtp.port), security: "starttls", user: "demo", password: "demo-smtp-password", fromName: "Demo Botanics", fromAddress: "hello@demo-botanics.example", forgetPassword: "" },
    encryptionKey,
  );
  if (!saved.ok) throw new Error(`the demo's SMTP settings were refused: ${JSON.stringify(saved.errors)}`);
}

export async function deliverDemo(store: Db, shopId: string, now: Date, deps: { smtp: LocalSmtpServer; appUrl: string; secret: string; encryptionKey: string | undefined }): Promise<{ summary: DemoDeliverySummary; text: string }> {
  const until = new Date(now.getTime() + DEMO_HORIZON_DAYS * DAY_MS);
  const approved = await approveOnePerSilentAgent(store, shopId, until, now);
  const transport = await smtpTransportForShop(store, shopId, deps.encryptionKey);
  if (!transport) throw new Error("the demo shop has no SMTP settings");
  let email: SendReport | null = null;
  try {
    email = await sendDueMessages(store, shopId, until, { transport, appUrl: deps.appUrl, secret: deps.secret, limit: 100_000, lookupAccepted: async (id) => deps.smtp.hasMessageId(id) });
  } finally {
    transport.close();
  }
  const flowAndMetafields = await deliverSideChannels(store, shopId, { adminFor: async () => ({ mode: "demo" }) }, 100_000);
  const sent = await store.message.findMany({ where: { shopId, status: "sent" }, select: { id: true, agent: true }, orderBy: { id: "asc" } });
  const receivedByAgent = Object.fromEntries(AGENT_NAMES.map((agent) => [agent, 0])) as Record<AgentName, number>;
  for (const message of sent) receivedByAgent[message.agent as AgentName] = (receivedByAgent[message.agent as AgentName] ?? 0) + 1;
  const example = await exampleDelivery(store, shopId, sent.find((m) => m.agent === "loyalty")?.id ?? sent[0]?.id ?? null);
  const summary: DemoDeliverySummary = { smtp: `${deps.smtp.host}:${deps.smtp.port}`, approvedByDemoAdmin: approved, email, receivedByAgent, flowAndMetafields, example };
  const text = [
    `Delivery (clock ${DEMO_HORIZON_DAYS} days ahead, local SMTP ${summary.smtp}): ${email.sent} emails sent, ${email.blocked} blocked at send time, ${email.deferred} deferred, ${email.failed} failed`,
    `  the local SMTP server received ${deps.smtp.received.length}: ${AGENT_NAMES.map((agent) => `${agent} ${receivedByAgent[agent]}`).join(", ")}`,
    ...(Object.keys(approved).length ? [`  approved by the demo admin so every agent is in the outbox: ${Object.entries(approved).map(([agent, id]) => `${agent} (${id})`).join(", ")}`] : []),
    `  Flow triggers and metafields recorded for ${flowAndMetafields} sent messages`,
    ...(example
      ? [
          `  example ${example.messageId} (${example.agent}) to ${example.to}: "${example.subject}"`,
          `    Flow trigger: ${describeFlow(example.flow)}`,
          `    metafields: ${describeMetafields(example.metafields)}`,
          `    (full payloads: the Outbox page, and the JSON summary on stdout)`,
        ]
      : []),
  ].join("\n");
  return { summary, text };
}

/** For each agent with messages waiting but none cleared in the window, the demo admin approves its first. */
async function approveOnePerSilentAgent(store: Db, shopId: string, until: Date, now: Date): Promise<Record<string, string>> {
  const approved: Record<string, string> = {};
  const actor = governanceActor({ shop: shopId, user: { ...DEMO_ADMIN } });
  for (const agent of AGENT_NAMES) {
    const cleared = await store.message.count({ where: { shopId, agent, status: { in: ["ready", "approved"] }, sendAt: { lte: until } } });
    if (cleared > 0) continue;
    const waiting = await store.message.findFirst({ where: { shopId, agent, status: "awaiting-approval", sendAt: { lte: until } }, orderBy: { id: "asc" }, select: { id: true } });
    if (!waiting) continue;
    const outcome = await decideMessage(store, actor, { messageId: waiting.id }, { kind: "approve" }, now);
    if (outcome.ok) approved[agent] = waiting.id;
  }
  return approved;
}

async function exampleDelivery(store: Db, shopId: string, messageId: string | null): Promise<DemoDeliverySummary["example"]> {
  if (!messageId) return null;
  const rows = await store.delivery.findMany({ where: { shopId, messageId } });
  const message = await store.message.findUniqueOrThrow({ where: { shopId_id: { shopId, id: messageId } }, select: { agent: true } });
  const payload = (channel: string) => {
    const row = rows.find((r) => r.channel === channel);
    return row ? (JSON.parse(row.payload) as Record<string, unknown>) : null;
  };
  const email = payload("email") as { to?: string; subject?: string } | null;
  return { messageId, agent: message.agent, to: email?.to ?? "?", subject: email?.subject ?? "?", flow: payload("flow"), metafields: payload("metafields") };
}

const clip = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function describeFlow(flow: unknown): string {
  const { handle, payload } = (flow ?? {}) as { handle?: string; payload?: Record<string, unknown> };
  if (!handle || !payload) return "none";
  return `${handle} with ${Object.entries(payload)
    .filter(([key]) => ["customer_id", "Subject", "Points needed", "Due on", "Product summary"].includes(key))
    .map(([key, value]) => `${key}=${clip(JSON.stringify(value), 60)}`)
    .join(", ")} (${Object.keys(payload).length} fields)`;
}

function describeMetafields(value: unknown): string {
  const list = ((value ?? {}) as { metafields?: Array<{ namespace: string; key: string; type: string; value: string }> }).metafields ?? [];
  return list.map((m) => `${m.namespace}.${m.key} (${m.type}) = ${clip(m.value, 50)}`).join("; ") || "none";
}
