import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, ChoiceList, DataTable, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { AGENT_NAMES, OBJECTIVE_GOALS, type AgentName, type ObjectiveGoal } from "~/domain/agents/contract";
import { formatMoney } from "~/domain/money/money";
import { GOALS, HORIZON_DAYS, MESSAGES_PER_WEEK } from "~/domain/planner/objectives";
import { objectiveFormFields, parseObjectiveFields, type ObjectiveFormFields } from "~/services/planning/objectiveForm";
import { createObjective, listObjectives, setObjectiveActive } from "~/services/planning/objectives.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const store = await db();
  const [{ objectives, unreadable }, shopRow] = await Promise.all([listObjectives(store, shop), store.shop.findUnique({ where: { id: shop }, select: { currencyCode: true } })]);
  return { objectives, unreadable, currencyCode: shopRow?.currencyCode ?? "USD" };
};

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }),
  z.object({ intent: z.literal("set-active"), id: z.string().min(1).max(200), active: z.enum(["true", "false"]) }),
]);

type ActionResult =
  | { intent: "create"; ok: true; goal: ObjectiveGoal }
  | { intent: "create"; ok: false; errors: Record<string, string>; fields: ObjectiveFormFields }
  | { intent: "set-active"; ok: boolean; active: boolean; error?: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const intent = Intent.safeParse(Object.fromEntries(form));
  if (!intent.success) return json({ intent: "set-active", ok: false, active: false, error: "Unknown action." } satisfies ActionResult, { status: 400 });
  const store = await db();
  if (intent.data.intent === "set-active") {
    const active = intent.data.active === "true";
    const found = await setObjectiveActive(store, shop, intent.data.id, active);
    return json({ intent: "set-active", ok: found, active, ...(found ? {} : { error: "No such objective in this shop." }) } satisfies ActionResult, { status: found ? 200 : 404 });
  }
  const shopRow = await store.shop.findUnique({ where: { id: shop }, select: { currencyCode: true } });
  const fields = objectiveFormFields(form);
  const parsed = parseObjectiveFields(fields, shopRow?.currencyCode ?? "USD");
  if (!parsed.ok) return json({ intent: "create", ok: false, errors: parsed.errors, fields } satisfies ActionResult, { status: 400 });
  await createObjective(store, shop, parsed.objective);
  return json({ intent: "create", ok: true, goal: parsed.objective.goal } satisfies ActionResult);
};

const AGENT_LABELS: Record<AgentName, string> = {
  replenishment: "Replenishment",
  "post-purchase": "Post-purchase by category",
  loyalty: "Loyalty",
  "cart-intent": "Cart intent",
  "bestseller-newsletter": "Bestseller newsletter",
};

const DEFAULT_FIELDS: ObjectiveFormFields = {
  goal: "grow-repeat-revenue",
  targetValue: "",
  horizonDays: "90",
  messagesPerShopperPerWeek: "2",
  discountBudget: "500",
  agentsAllowed: [...GOALS["grow-repeat-revenue"].defaultAgents],
};

export default function Objectives() {
  const { objectives, unreadable, currencyCode } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "create";
  const failed = result?.intent === "create" && !result.ok ? result : null;
  return (
    <Page title="Objectives" subtitle="What marketing should achieve, and the budgets the agents plan within">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.intent === "create" && result.ok ? (
              <Banner tone="success" title="Objective saved">
                {`${GOALS[result.goal].label} is active; the next planning run works toward it.`}
              </Banner>
            ) : null}
            {failed ? (
              <Banner tone="critical" title="The objective was not saved">
                Correct the fields marked below.
              </Banner>
            ) : null}
            {result?.intent === "set-active" && !result.ok ? <Banner tone="critical" title={result.error ?? "Not changed"} /> : null}
            {unreadable.length > 0 ? <Banner tone="warning" title="Some objectives cannot be read">{unreadable.join("; ")}</Banner> : null}
            <ObjectiveForm key={failed ? "failed" : `saved-${objectives.length}`} initial={failed?.fields ?? DEFAULT_FIELDS} errors={failed?.errors ?? {}} currencyCode={currencyCode} saving={saving} />
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Your objectives
                </Text>
                {objectives.length === 0 ? (
                  <Text as="p">No objectives yet: until one is active, the planner sends nothing.</Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "text"]}
                    headings={["Goal", "Target and budgets", "Agents", "Status", ""]}
                    verticalAlign="middle"
                    rows={objectives.map((objective) => [
                      GOALS[objective.goal].label,
                      <BlockStack key="budgets" gap="050">
                        <Text as="span">
                          {`${objective.target ? `${objective.target.value.toLocaleString("en-US")}${GOALS[objective.goal].targetUnit === "percent" ? " %" : ""} ${objective.target.metric}` : "No target"} in ${objective.horizonDays} days`}
                        </Text>
                        <Text as="span" tone="subdued">
                          {`${objective.messagesPerShopperPerWeek} messages per shopper per week; discounts up to ${formatMoney({ amountMinor: objective.discountBudgetMinor, currencyCode }, "en-US")}`}
                        </Text>
                      </BlockStack>,
                      <BlockStack key="agents" gap="050">
                        {objective.agentsAllowed.map((agent) => (
                          <Text key={agent} as="span">
                            {AGENT_LABELS[agent]}
                          </Text>
                        ))}
                      </BlockStack>,
                      <Badge key="status" tone={objective.active ? "success" : undefined}>
                        {objective.active ? "Active" : "Inactive"}
                      </Badge>,
                      <Form key="toggle" method="post">
                        <input type="hidden" name="intent" value="set-active" />
                        <input type="hidden" name="id" value={objective.id} />
                        <input type="hidden" name="active" value={objective.active ? "false" : "true"} />
                        <Button submit accessibilityLabel={`${objective.active ? "Deactivate" : "Activate"} ${GOALS[objective.goal].label}`}>
                          {objective.active ? "Deactivate" : "Activate"}
                        </Button>
                      </Form>,
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ObjectiveForm({ initial, errors, currencyCode, saving }: { initial: ObjectiveFormFields; errors: Record<string, string>; currencyCode: string; saving: boolean }) {
  const [fields, setFields] = useState(initial);
  const set = (name: keyof ObjectiveFormFields) => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  const goal = (OBJECTIVE_GOALS as readonly string[]).includes(fields.goal) ? GOALS[fields.goal as ObjectiveGoal] : null;
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="create" />
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            New objective
          </Text>
          <FormLayout>
            <Select
              label="Goal"
              name="goal"
              options={OBJECTIVE_GOALS.map((value) => ({ value, label: GOALS[value].label }))}
              value={fields.goal}
              onChange={(value) => setFields((current) => ({ ...current, goal: value, agentsAllowed: [...(GOALS[value as ObjectiveGoal]?.defaultAgents ?? current.agentsAllowed)] }))}
              helpText={goal?.description}
              error={errors.goal}
            />
            <FormLayout.Group>
              <TextField
                label={`Target (${goal?.targetUnit === "percent" ? "%" : "count"}, optional)`}
                name="targetValue"
                value={fields.targetValue}
                onChange={set("targetValue")}
                inputMode="decimal"
                autoComplete="off"
                helpText={goal ? `Measured as ${goal.targetMetric}.` : undefined}
                error={errors["target.value"] ?? errors.target}
              />
              <TextField
                label="Horizon (days)"
                name="horizonDays"
                value={fields.horizonDays}
                onChange={set("horizonDays")}
                inputMode="numeric"
                autoComplete="off"
                helpText={`${HORIZON_DAYS.min} to ${HORIZON_DAYS.max} days.`}
                error={errors.horizonDays}
              />
            </FormLayout.Group>
            <FormLayout.Group>
              <TextField
                label="Messages per shopper per week"
                name="messagesPerShopperPerWeek"
                value={fields.messagesPerShopperPerWeek}
                onChange={set("messagesPerShopperPerWeek")}
                inputMode="numeric"
                autoComplete="off"
                helpText={`At most ${MESSAGES_PER_WEEK.max}; the strictest active objective applies.`}
                error={errors.messagesPerShopperPerWeek}
              />
              <TextField
                label={`Discount budget (${currencyCode})`}
                name="discountBudget"
                value={fields.discountBudget}
                onChange={set("discountBudget")}
                inputMode="decimal"
                autoComplete="off"
                helpText="What offered discounts may cost over the horizon if all are redeemed."
                error={errors.discountBudgetMinor}
              />
            </FormLayout.Group>
            <ChoiceList
              title="Agents allowed"
              name="agentsAllowed"
              allowMultiple
              choices={AGENT_NAMES.map((agent) => ({ value: agent, label: AGENT_LABELS[agent] }))}
              selected={fields.agentsAllowed}
              onChange={(selected) => setFields((current) => ({ ...current, agentsAllowed: selected }))}
              error={errors.agentsAllowed ?? errors["agentsAllowed.0"]}
            />
          </FormLayout>
          <Button submit variant="primary" loading={saving}>
            Save objective
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}
