import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, DataTable, FormLayout, InlineGrid, Layout, Page, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { llmFormFields, loadLlmSettingsView, saveLlmSettings, type LlmFormFields, type LlmSettingsView } from "~/services/content/llmSettingsForm.server";
import { formFromSettings, readSmtpSettings, saveSmtpSettings, smtpFormFields, type SmtpFormFields } from "~/services/delivery/smtpSettings.server";

// The shop's SMTP server, and how the language model writes copy. The SMTP password is write-only:
// the page learns only whether one is stored; it is never sent back to the browser, not even after
// a failed save. Likewise the OpenAI key: the page learns only whether one is configured.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const store = await db();
  const [view, llm] = await Promise.all([readSmtpSettings(store, shop), loadLlmSettingsView(store, shop, new Date())]);
  return { fields: formFromSettings(view), configured: view.settings !== null, passwordStored: view.passwordStored, canStoreSecrets: Boolean(env().APP_ENCRYPTION_KEY), llm };
};

// `nonce` remounts the form after every save, so a typed password never lingers in the page either.
type ActionResult =
  | { intent: "smtp"; ok: true; nonce: string; passwordStored: boolean; fields: SmtpFormFields }
  | { intent: "smtp"; ok: false; nonce: string; errors: Record<string, string>; fields: SmtpFormFields }
  | { intent: "llm"; ok: true; nonce: string; fields: LlmFormFields }
  | { intent: "llm"; ok: false; nonce: string; errors: Record<string, string>; fields: LlmFormFields }
  | { intent: "unknown"; ok: false; nonce: string };

const Intent = z.object({ intent: z.enum(["smtp", "llm"]) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const nonce = crypto.randomUUID();
  const intent = Intent.safeParse({ intent: form.get("intent") });
  if (!intent.success) return json<ActionResult>({ intent: "unknown", ok: false, nonce }, { status: 400 });
  const store = await db();
  if (intent.data.intent === "llm") {
    const fields = llmFormFields(form);
    const saved = await saveLlmSettings(store, shop, fields);
    if (!saved.ok) return json<ActionResult>({ intent: "llm", ok: false, nonce, errors: saved.errors, fields }, { status: 400 });
    return json<ActionResult>({ intent: "llm", ok: true, nonce, fields: saved.fields });
  }
  const fields = smtpFormFields(form);
  const result = await saveSmtpSettings(store, shop, fields, env().APP_ENCRYPTION_KEY);
  if (!result.ok) return json<ActionResult>({ intent: "smtp", ok: false, nonce, errors: result.errors, fields: { ...fields, password: "" } }, { status: 400 });
  return json<ActionResult>({ intent: "smtp", ok: true, nonce, passwordStored: result.passwordStored, fields: formFromSettings({ settings: result.settings, passwordStored: result.passwordStored, passwordUpdatedAt: null }) });
};

export default function DeliverySettings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const smtp = result?.intent === "smtp" ? result : null;
  const llm = result?.intent === "llm" ? result : null;
  const failed = smtp && !smtp.ok ? smtp : null;
  const llmFailed = llm && !llm.ok ? llm : null;
  const passwordStored = smtp?.ok ? smtp.passwordStored : data.passwordStored;
  return (
    <Page title="Delivery settings" subtitle="The SMTP server your marketing emails are sent through, and the model that writes their copy">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.intent === "unknown" ? <Banner tone="critical" title="Nothing was saved">The form was not recognised; reload the page and try again.</Banner> : null}
            {smtp?.ok ? (
              <Banner tone="success" title="Settings saved">
                {passwordStored ? "The password is stored encrypted; it is never shown again." : "No password is stored: the server is used without login."}
              </Banner>
            ) : null}
            {failed ? (
              <Banner tone="critical" title="The settings were not saved">
                {failed.errors.form ?? "Correct the fields marked below."}
              </Banner>
            ) : null}
            {!data.canStoreSecrets ? (
              <Banner tone="warning" title="Passwords cannot be stored yet">
                APP_ENCRYPTION_KEY is not set, so the app refuses to store an SMTP password rather than keep it unencrypted. Set it to 64 hex digits (openssl rand -hex 32) and restart the app.
              </Banner>
            ) : null}
            <SmtpForm key={smtp?.nonce ?? "smtp"} initial={smtp?.fields ?? data.fields} errors={failed?.errors ?? {}} passwordStored={passwordStored} saving={submitting === "smtp"} />
            {llm?.ok ? (
              <Banner tone="success" title="Saved the language-model settings">
                New messages use them from the next planning run.
              </Banner>
            ) : null}
            {llmFailed ? (
              <Banner tone="critical" title="The language-model settings were not saved">
                {llmFailed.errors.form ?? "Correct the fields marked below; nothing was changed."}
              </Banner>
            ) : null}
            <LlmForm key={llm?.nonce ?? "llm"} initial={llm?.fields ?? data.llm.fields} errors={llmFailed?.errors ?? {}} view={data.llm} saving={submitting === "llm"} />
            <LlmCosts view={data.llm} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                How sending works
              </Text>
              <Text as="p">Only messages governance cleared or a person approved are sent, each once. Consent and suppressions are checked again just before sending.</Text>
              <Text as="p">Temporary refusals (4xx) are retried with growing delays; a permanent one fails the message, and a hard bounce stops all email to that shopper.</Text>
              <Text as="p">Every email carries a one-click unsubscribe link (List-Unsubscribe). The Outbox shows what was sent.</Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

const MAX_TIER_ROWS = 5;
const MAX_PRICE_ROWS = 20;

function withBlankRow<T extends Record<string, string>>(rows: T[], blank: T, max: number): T[] {
  const last = rows[rows.length - 1];
  const lastIsBlank = last !== undefined && Object.values(last).every((value) => value.trim() === "");
  return rows.length < max && !lastIsBlank ? [...rows, blank] : rows;
}

/** Tiers, prices, the cap: validated on the server with LlmSettings; a blank row is ignored, so clearing one removes it. */
function LlmForm({ initial, errors, view, saving }: { initial: LlmFormFields; errors: Record<string, string>; view: LlmSettingsView; saving: boolean }) {
  const [fields, setFields] = useState<LlmFormFields>(() => ({
    ...initial,
    tiers: withBlankRow(initial.tiers, { name: "", model: "", fromPclv: "" }, MAX_TIER_ROWS),
    prices: withBlankRow(initial.prices, { model: "", input: "", output: "" }, MAX_PRICE_ROWS),
  }));
  const set = (name: "atRiskBelowPAlive" | "monthlyCap" | "maxRewrites") => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  const setTier = (i: number, name: keyof LlmFormFields["tiers"][number]) => (value: string) =>
    setFields((current) => ({ ...current, tiers: current.tiers.map((row, j) => (j === i ? { ...row, [name]: value } : row)) }));
  const setPrice = (i: number, name: keyof LlmFormFields["prices"][number]) => (value: string) =>
    setFields((current) => ({ ...current, prices: current.prices.map((row, j) => (j === i ? { ...row, [name]: value } : row)) }));
  const { model, month, currencyCode } = view;
  return (
    <Card>
      <Form method="post" autoComplete="off">
        <input type="hidden" name="intent" value="llm" />
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Copy by a language model
          </Text>
          {model.configured ? (
            <Text as="p">{`A model is configured (${[model.apiKeySet ? "OPENAI_API_KEY" : null, model.baseUrlSet ? "OPENAI_BASE_URL" : null].filter(Boolean).join(" and ")} set). The key is never shown.`}</Text>
          ) : (
            <Banner tone="info" title="No model is configured">
              {model.problem ?? "Set OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server) and restart the app. Until then templates write every message, whatever these settings say."}
            </Banner>
          )}
          <BlockStack gap="100">
            <Text as="p">{`Spent this month: ${month.spend} of ${month.cap}${month.share === null ? " (no cap: the model is off)" : ` (${Math.round(month.share * 100)}%)`}`}</Text>
            {month.share !== null ? <ProgressBar progress={Math.min(100, Math.round(month.share * 100))} tone={month.share >= 0.8 ? "critical" : "primary"} size="small" /> : null}
          </BlockStack>
          <Checkbox label="Write copy with a language model" helpText="Off: templates write every message." checked={fields.enabled} onChange={(checked) => setFields((current) => ({ ...current, enabled: checked }))} error={errors.enabled} />
          <input type="hidden" name="enabled" value={fields.enabled ? "on" : ""} />
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Tiers by predicted customer value
            </Text>
            <Text as="p" tone="subdued">
              {`Cheapest first. A shopper gets the highest tier whose pCLV (in ${currencyCode}) they reach. Clear a row to remove its tier.`}
            </Text>
            {errors.tiers ? (
              <Text as="p" tone="critical">
                {errors.tiers}
              </Text>
            ) : null}
            {fields.tiers.map((row, i) => (
              <InlineGrid key={i} columns={3} gap="200">
                <TextField label={`Tier ${i + 1} name`} name={`tier.${i}.name`} value={row.name} onChange={setTier(i, "name")} autoComplete="off" error={errors[`tier.${i}.name`]} />
                <TextField label={`Tier ${i + 1} model`} name={`tier.${i}.model`} value={row.model} onChange={setTier(i, "model")} autoComplete="off" error={errors[`tier.${i}.model`]} />
                <TextField
                  label={`Tier ${i + 1} from pCLV (${currencyCode})`}
                  name={`tier.${i}.fromPclv`}
                  value={row.fromPclv}
                  onChange={setTier(i, "fromPclv")}
                  inputMode="decimal"
                  autoComplete="off"
                  error={errors[`tier.${i}.fromPclv`]}
                />
              </InlineGrid>
            ))}
          </BlockStack>
          <TextField
            label="At-risk shoppers: P(alive) below"
            name="atRiskBelowPAlive"
            value={fields.atRiskBelowPAlive}
            onChange={set("atRiskBelowPAlive")}
            inputMode="decimal"
            autoComplete="off"
            helpText="Shoppers likely to lapse get the top tier whatever their value. From 0 to 1; 0 turns this off."
            error={errors.atRiskBelowPAlive}
          />
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Prices per model (US dollars per million tokens)
            </Text>
            {errors.prices ? (
              <Text as="p" tone="critical">
                {errors.prices}
              </Text>
            ) : null}
            {fields.prices.map((row, i) => (
              <InlineGrid key={i} columns={3} gap="200">
                <TextField label={`Price ${i + 1} model`} name={`price.${i}.model`} value={row.model} onChange={setPrice(i, "model")} autoComplete="off" error={errors[`price.${i}.model`]} />
                <TextField label={`Price ${i + 1} input (USD)`} name={`price.${i}.input`} value={row.input} onChange={setPrice(i, "input")} inputMode="decimal" autoComplete="off" error={errors[`price.${i}.input`]} />
                <TextField label={`Price ${i + 1} output (USD)`} name={`price.${i}.output`} value={row.output} onChange={setPrice(i, "output")} inputMode="decimal" autoComplete="off" error={errors[`price.${i}.output`]} />
              </InlineGrid>
            ))}
          </BlockStack>
          <FormLayout>
            <FormLayout.Group>
              <TextField
                label="Monthly cap (USD)"
                name="monthlyCap"
                value={fields.monthlyCap}
                onChange={set("monthlyCap")}
                inputMode="decimal"
                autoComplete="off"
                helpText="Calls stop for the rest of the calendar month (UTC) once it is spent; 0 turns the model off."
                error={errors.monthlyCap}
              />
              <TextField
                label="Rewrites the critic may ask for"
                name="maxRewrites"
                value={fields.maxRewrites}
                onChange={set("maxRewrites")}
                inputMode="numeric"
                autoComplete="off"
                helpText="From 0 to 3; after that the template writes the message."
                error={errors.maxRewrites}
              />
            </FormLayout.Group>
          </FormLayout>
          <Button submit variant="primary" loading={saving}>
            Save model settings
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}

function LlmCosts({ view }: { view: LlmSettingsView }) {
  const { rows, total, from, to } = view.last30Days;
  const line = (row: LlmSettingsView["last30Days"]["total"]) => [row.agent, row.objective, row.calls, row.messages, row.cost, row.costPerMessage];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Model costs, last 30 days
        </Text>
        <Text as="p" tone="subdued">{`${from.slice(0, 10)} to ${to.slice(0, 10)}, by agent and objective. Calls the cap stopped are not counted as calls.`}</Text>
        {rows.length === 0 ? (
          <Text as="p">No model calls in the last 30 days.</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric"]}
            headings={["Agent", "Objective", "Calls", "Messages", "Cost", "Cost per message"]}
            rows={rows.map(line)}
            totals={["", "", ...line(total).slice(2)]}
            showTotalsInFooter
          />
        )}
      </BlockStack>
    </Card>
  );
}

function SmtpForm({ initial, errors, passwordStored, saving }: { initial: SmtpFormFields; errors: Record<string, string>; passwordStored: boolean; saving: boolean }) {
  const [fields, setFields] = useState(initial);
  const set = (name: keyof SmtpFormFields) => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  return (
    <Card>
      <Form method="post" autoComplete="off">
        <input type="hidden" name="intent" value="smtp" />
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            SMTP server
          </Text>
          <FormLayout>
            <FormLayout.Group>
              <TextField label="Host" name="host" value={fields.host} onChange={set("host")} autoComplete="off" placeholder="smtp.example.com" error={errors.host} />
              <TextField label="Port" name="port" value={fields.port} onChange={set("port")} inputMode="numeric" autoComplete="off" error={errors.port} />
            </FormLayout.Group>
            <Select
              label="Encryption"
              name="security"
              options={[
                { value: "starttls", label: "STARTTLS (usually port 587)" },
                { value: "tls", label: "TLS from the start (usually port 465)" },
              ]}
              value={fields.security}
              onChange={set("security")}
              error={errors.security}
            />
            <FormLayout.Group>
              <TextField label="User name" name="user" value={fields.user} onChange={set("user")} autoComplete="off" helpText="Leave empty if the server needs no login." error={errors.user} />
              <TextField
                label="Password"
                name="password"
                type="password"
                value={fields.password}
                onChange={set("password")}
                autoComplete="new-password"
                helpText={passwordStored ? "A password is stored. Leave this empty to keep it." : "No password is stored."}
                error={errors.password}
              />
            </FormLayout.Group>
            {passwordStored ? (
              <Checkbox label="Forget the stored password" checked={fields.forgetPassword === "on"} onChange={(checked) => set("forgetPassword")(checked ? "on" : "")} />
            ) : null}
            <input type="hidden" name="forgetPassword" value={fields.forgetPassword} />
            <FormLayout.Group>
              <TextField label="Sender name" name="fromName" value={fields.fromName} onChange={set("fromName")} autoComplete="off" placeholder="Fern & Moss" error={errors.fromName} />
              <TextField label="Sender address" name="fromAddress" type="email" value={fields.fromAddress} onChange={set("fromAddress")} autoComplete="off" placeholder="news@your-shop.com" error={errors.fromAddress} />
            </FormLayout.Group>
          </FormLayout>
          <Button submit variant="primary" loading={saving}>
            Save settings
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}
