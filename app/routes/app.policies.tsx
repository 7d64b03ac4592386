import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, DataTable, FormLayout, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { AGENT_NAMES, type AgentName } from "~/domain/agents/contract";
import { FORMALITIES, MAX_SIGN_OFF_NAME, TONES } from "~/domain/content/templates/brandVoice";
import { AUTONOMY_LEVELS } from "~/domain/governance/autonomy";
import { defaultPolicyText } from "~/domain/governance/policy";
import { actorLabel, governanceActor } from "~/services/governance/approvals.server";
import { autonomyFormFields, autonomyToFields, brandVoiceFormFields, type AutonomyFormFields, type BrandVoiceFormFields } from "~/services/governance/governanceForms";
import { loadGovernanceSettings, saveAutonomySettings, saveBrandVoice } from "~/services/governance/governanceSettings.server";
import { savePolicy } from "~/services/governance/policyStore.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const view = await loadGovernanceSettings(await db(), shop);
  const objectiveIds = view.objectives.map((objective) => objective.id);
  return {
    ...view,
    defaultPolicy: defaultPolicyText(),
    autonomyFields: autonomyToFields(view.autonomy, objectiveIds, view.currencyCode),
    voiceFields: { ...view.brandVoice, signOffName: view.brandVoice.signOffName ?? "" } satisfies BrandVoiceFormFields,
  };
};

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("policy"), policy: z.string().max(200_000) }),
  z.object({ intent: z.literal("autonomy") }),
  z.object({ intent: z.literal("voice") }),
]);

type ActionResult =
  | { intent: "policy"; ok: true; version: number }
  | { intent: "policy"; ok: false; errors: Array<{ path: string; message: string }>; text: string }
  | { intent: "autonomy"; ok: true }
  | { intent: "autonomy"; ok: false; errors: Record<string, string>; fields: AutonomyFormFields }
  | { intent: "voice"; ok: true }
  | { intent: "voice"; ok: false; errors: Record<string, string>; fields: BrandVoiceFormFields }
  | { intent: "unknown"; ok: false };

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await requireAdmin(request);
  const form = await request.formData();
  const intent = Intent.safeParse(Object.fromEntries(form));
  if (!intent.success) return json({ intent: "unknown", ok: false } satisfies ActionResult, { status: 400 });
  const store = await db();
  const shop = context.shop;
  switch (intent.data.intent) {
    case "policy": {
      const saved = await savePolicy(store, shop, intent.data.policy, actorLabel(governanceActor(context)));
      if (!saved.ok) return json({ intent: "policy", ok: false, errors: saved.errors, text: intent.data.policy } satisfies ActionResult, { status: 400 });
      return json({ intent: "policy", ok: true, version: saved.version } satisfies ActionResult);
    }
    case "autonomy": {
      const objectiveIds = [...form.keys()].filter((key) => key.startsWith("objective.")).map((key) => key.slice("objective.".length));
      const fields = autonomyFormFields(form, objectiveIds);
      const saved = await saveAutonomySettings(store, shop, fields);
      if (!saved.ok) return json({ intent: "autonomy", ok: false, errors: saved.errors, fields } satisfies ActionResult, { status: 400 });
      return json({ intent: "autonomy", ok: true } satisfies ActionResult);
    }
    case "voice": {
      const fields = brandVoiceFormFields(form);
      const saved = await saveBrandVoice(store, shop, fields);
      if (!saved.ok) return json({ intent: "voice", ok: false, errors: saved.errors, fields } satisfies ActionResult, { status: 400 });
      return json({ intent: "voice", ok: true } satisfies ActionResult);
    }
  }
};

const minute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "–");

const AGENT_LABELS: Record<AgentName, string> = {
  replenishment: "Replenishment",
  "post-purchase": "Post-purchase by category",
  loyalty: "Loyalty",
  "cart-intent": "Cart intent",
  "bestseller-newsletter": "Bestseller newsletter",
};
const LEVEL_LABELS: Record<(typeof AUTONOMY_LEVELS)[number], string> = {
  assisted: "Assisted: every message waits for approval",
  supervised: "Supervised: messages over a threshold wait",
  autonomous: "Autonomous: checked messages go out",
};

/** Policies as code, autonomy levels and brand voice: what the agents may do and how they sound. */
export default function Policies() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  const policyFailed = result?.intent === "policy" && !result.ok ? result : null;
  const autonomyFailed = result?.intent === "autonomy" && !result.ok ? result : null;
  const voiceFailed = result?.intent === "voice" && !result.ok ? result : null;
  const inForce = data.policy.version === null ? "The default policy is in force (no version saved yet)." : `Version ${data.policy.version} is in force, saved by ${data.policy.savedBy ?? "?"} on ${minute(data.policy.savedAt)}.`;
  return (
    <Page title="Policies" subtitle="The rules every message is checked against, how much the agents decide alone, and how they sound">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Policy document
                </Text>
                <Text as="p">{inForce}</Text>
                {result?.intent === "policy" && result.ok ? <Banner tone="success" title={`Policy version ${result.version} saved`}>It applies from the next planning run.</Banner> : null}
                {policyFailed ? (
                  <Banner tone="critical" title="The policy was not saved">
                    <BlockStack gap="200">
                      <Text as="p">{data.policy.version === null ? "The default policy stays in force." : `Version ${data.policy.version} stays in force.`} Correct these and save again:</Text>
                      <List>
                        {policyFailed.errors.map((error, i) => (
                          <List.Item key={i}>{error.path ? `${error.path}: ${error.message}` : error.message}</List.Item>
                        ))}
                      </List>
                    </BlockStack>
                  </Banner>
                ) : null}
                <PolicyEditor key={policyFailed ? `failed-${policyFailed.text.length}` : `v${data.policy.version ?? 0}`} initial={policyFailed?.text ?? data.policy.text} defaults={data.defaultPolicy} saving={busy("policy")} />
                <Text as="h3" variant="headingSm">
                  Recent versions
                </Text>
                {data.history.length === 0 ? (
                  <Text as="p" tone="subdued">
                    None saved yet.
                  </Text>
                ) : (
                  <DataTable columnContentTypes={["numeric", "text", "text"]} headings={["Version", "Saved by", "Saved at"]} rows={data.history.map((row) => [row.version, row.savedBy, minute(row.createdAt)])} />
                )}
              </BlockStack>
            </Card>
            <AutonomyForm
              key={autonomyFailed ? "failed" : JSON.stringify(data.autonomyFields)}
              initial={autonomyFailed?.fields ?? data.autonomyFields}
              errors={autonomyFailed?.errors ?? {}}
              objectives={data.objectives}
              currencyCode={data.currencyCode}
              saved={result?.intent === "autonomy" && result.ok}
              saving={busy("autonomy")}
            />
            <VoiceForm key={voiceFailed ? "failed" : JSON.stringify(data.voiceFields)} initial={voiceFailed?.fields ?? data.voiceFields} errors={voiceFailed?.errors ?? {}} saved={result?.intent === "voice" && result.ok} saving={busy("voice")} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function PolicyEditor({ initial, defaults, saving }: { initial: string; defaults: string; saving: boolean }) {
  const [text, setText] = useState(initial);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="policy" />
      <BlockStack gap="300">
        <TextField
          label="Policy (JSON)"
          name="policy"
          value={text}
          onChange={setText}
          multiline={24}
          monospaced
          autoComplete="off"
          spellCheck={false}
          helpText="Margin rules, voice, quiet hours, frequency caps and suppression. A document that does not parse, or contradicts itself, is refused and the policy in force stays."
        />
        <InlineStack gap="200">
          <Button submit variant="primary" loading={saving}>
            Save policy
          </Button>
          <Button onClick={() => setText(defaults)}>Load the defaults</Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}

const levelOptions = (inherit: string | null) => [...(inherit ? [{ value: "", label: inherit }] : []), ...AUTONOMY_LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))];

function AutonomyForm({
  initial,
  errors,
  objectives,
  currencyCode,
  saved,
  saving,
}: {
  initial: AutonomyFormFields;
  errors: Record<string, string>;
  objectives: Array<{ id: string; label: string }>;
  currencyCode: string;
  saved: boolean;
  saving: boolean;
}) {
  const [fields, setFields] = useState(initial);
  const set = (name: "defaultLevel" | "discountAbovePercent" | "pclvAbove" | "expectedValueAbove") => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="autonomy" />
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Autonomy
          </Text>
          <Text as="p" tone="subdued">
            A message the checks block is never sent, and copy the critic did not pass always waits for you, at every level. When an objective and an agent both have a level, the more cautious one applies.
          </Text>
          {saved ? <Banner tone="success" title="Autonomy settings saved" /> : null}
          {Object.keys(errors).length > 0 ? (
            <Banner tone="critical" title="The autonomy settings were not saved">
              {errors.form ?? "Correct the fields marked below."}
            </Banner>
          ) : null}
          <FormLayout>
            <Select label="Default level" name="defaultLevel" options={levelOptions(null)} value={fields.defaultLevel} onChange={set("defaultLevel")} error={errors.defaultLevel} />
            <Text as="h3" variant="headingSm">
              Per agent
            </Text>
            <FormLayout.Group condensed>
              {AGENT_NAMES.map((agent) => (
                <Select
                  key={agent}
                  label={AGENT_LABELS[agent]}
                  name={`agent.${agent}`}
                  options={levelOptions("Use the default")}
                  value={fields.agents[agent] ?? ""}
                  onChange={(value) => setFields((current) => ({ ...current, agents: { ...current.agents, [agent]: value } }))}
                  error={errors[`agent.${agent}`]}
                />
              ))}
            </FormLayout.Group>
            <Text as="h3" variant="headingSm">
              Per active objective
            </Text>
            {objectives.length === 0 ? (
              <Text as="p" tone="subdued">
                No active objective.
              </Text>
            ) : (
              <FormLayout.Group>
                {objectives.map((objective) => (
                  <Select
                    key={objective.id}
                    label={`Objective: ${objective.label}`}
                    name={`objective.${objective.id}`}
                    options={levelOptions("Use the default")}
                    value={fields.objectives[objective.id] ?? ""}
                    onChange={(value) => setFields((current) => ({ ...current, objectives: { ...current.objectives, [objective.id]: value } }))}
                    error={errors[`objective.${objective.id}`]}
                  />
                ))}
              </FormLayout.Group>
            )}
            <Text as="h3" variant="headingSm">
              Supervised: a message waits for you when
            </Text>
            <FormLayout.Group>
              <TextField
                label="Its discount is above (%)"
                name="discountAbovePercent"
                value={fields.discountAbovePercent}
                onChange={set("discountAbovePercent")}
                inputMode="decimal"
                autoComplete="off"
                helpText="Blank: never for the discount."
                error={errors.discountAbovePercent}
              />
              <TextField
                label={`The shopper's predicted lifetime value is above (${currencyCode})`}
                name="pclvAbove"
                value={fields.pclvAbove}
                onChange={set("pclvAbove")}
                inputMode="decimal"
                autoComplete="off"
                helpText="Blank: off."
                error={errors.pclvAbove}
              />
              <TextField
                label={`Its expected revenue is above (${currencyCode})`}
                name="expectedValueAbove"
                value={fields.expectedValueAbove}
                onChange={set("expectedValueAbove")}
                inputMode="decimal"
                autoComplete="off"
                helpText="Blank: off."
                error={errors.expectedValueAbove}
              />
            </FormLayout.Group>
            <Checkbox
              label="It is the first message to a shopper"
              name="firstMessageToShopper"
              value="true"
              checked={fields.firstMessageToShopper}
              onChange={(value) => setFields((current) => ({ ...current, firstMessageToShopper: value }))}
            />
            <Checkbox label="An AI model wrote its copy" name="llmWrittenCopy" value="true" checked={fields.llmWrittenCopy} onChange={(value) => setFields((current) => ({ ...current, llmWrittenCopy: value }))} />
          </FormLayout>
          <InlineStack>
            <Button submit variant="primary" loading={saving}>
              Save autonomy
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

function VoiceForm({ initial, errors, saved, saving }: { initial: BrandVoiceFormFields; errors: Record<string, string>; saved: boolean; saving: boolean }) {
  const [fields, setFields] = useState(initial);
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="voice" />
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Brand voice
          </Text>
          {saved ? <Banner tone="success" title="Brand voice saved">Template copy uses it from the next planning run.</Banner> : null}
          {Object.keys(errors).length > 0 ? <Banner tone="critical" title="The brand voice was not saved">{errors.form ?? "Correct the fields marked below."}</Banner> : null}
          <FormLayout>
            <FormLayout.Group>
              <Select
                label="Tone"
                name="tone"
                options={TONES.map((tone) => ({ value: tone, label: tone[0]!.toUpperCase() + tone.slice(1) }))}
                value={fields.tone}
                onChange={(tone) => setFields((current) => ({ ...current, tone }))}
                error={errors.tone}
              />
              <Select
                label="Formality"
                name="formality"
                options={FORMALITIES.map((formality) => ({ value: formality, label: formality[0]!.toUpperCase() + formality.slice(1) }))}
                value={fields.formality}
                onChange={(formality) => setFields((current) => ({ ...current, formality }))}
                error={errors.formality}
              />
            </FormLayout.Group>
            <Checkbox label="Greet shoppers by their first name" name="useFirstName" value="true" checked={fields.useFirstName} onChange={(useFirstName) => setFields((current) => ({ ...current, useFirstName }))} />
            <TextField
              label="Sign-off name"
              name="signOffName"
              value={fields.signOffName}
              onChange={(signOffName) => setFields((current) => ({ ...current, signOffName }))}
              autoComplete="off"
              maxLength={MAX_SIGN_OFF_NAME + 20}
              helpText={`Who signs ("Lena from the shop"); blank signs as the shop's team. Up to ${MAX_SIGN_OFF_NAME} characters.`}
              error={errors.signOffName}
            />
          </FormLayout>
          <InlineStack>
            <Button submit variant="primary" loading={saving}>
              Save brand voice
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
