import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { CategoryDepletionForm, MIN_REPEAT_BUYERS, MIN_REPEAT_SHARE } from "~/domain/catalog/depletion";
import { listCategories, setCategoryDepletion } from "~/services/catalog/categories.server";
import { recomputeDepletionSuggestions } from "~/services/catalog/depletionSuggestions.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return { categories: await listCategories(await db(), shop) };
};

const Intent = z.object({ intent: z.enum(["set-depletion", "recompute"]) });

type ActionResult =
  | { intent: "set-depletion"; ok: true; path: string; depletionDays: number | null }
  | { intent: "set-depletion"; ok: false; path: string; error: string }
  | { intent: "recompute"; ok: true; suggested: number; categories: number };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = Object.fromEntries(await request.formData());
  const intent = Intent.safeParse(form);
  if (!intent.success) return json({ intent: "set-depletion", ok: false, path: "", error: "Unknown action." } satisfies ActionResult, { status: 400 });
  const store = await db();
  if (intent.data.intent === "recompute") {
    const results = await recomputeDepletionSuggestions(store, shop);
    return json({ intent: "recompute", ok: true, suggested: results.filter((r) => r.days !== null).length, categories: results.length } satisfies ActionResult);
  }
  const path = typeof form.path === "string" ? form.path : "";
  const parsed = CategoryDepletionForm.safeParse(form);
  if (!parsed.success) return json({ intent: "set-depletion", ok: false, path, error: parsed.error.issues[0]?.message ?? "Invalid value." } satisfies ActionResult, { status: 400 });
  const saved = await setCategoryDepletion(store, shop, parsed.data);
  if (!saved.ok) return json({ intent: "set-depletion", ok: false, path, error: saved.error } satisfies ActionResult, { status: 404 });
  return json({ intent: "set-depletion", ok: true, path, depletionDays: parsed.data.depletionDays } satisfies ActionResult);
};

const days = (n: number | null) => (n === null ? "–" : `${n.toLocaleString("en-US")} days`);

export default function Catalog() {
  const { categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const recomputing = navigation.state !== "idle" && navigation.formData?.get("intent") === "recompute";
  return (
    <Page title="Catalog" subtitle="How long one unit lasts in each category: the timeline replenishment reminders follow">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.intent === "recompute" ? (
              <Banner tone="success" title="Suggestions recomputed">
                {`${result.suggested} of ${result.categories} categories have enough repeat buyers for a suggestion.`}
              </Banner>
            ) : null}
            {result?.intent === "set-depletion" && result.ok ? (
              <Banner tone="success" title="Saved">
                {result.depletionDays === null ? `${result.path} now follows the suggestion.` : `${result.path}: ${days(result.depletionDays)}.`}
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="p" tone="subdued">
                    {`Suggested: the median over repeat buyers of their median days between purchases per unit bought, once at least ${MIN_REPEAT_BUYERS} buyers and ${MIN_REPEAT_SHARE * 100} % of buyers have bought again. Your value wins; leave it empty to use the suggestion.`}
                  </Text>
                  <Form method="post">
                    <input type="hidden" name="intent" value="recompute" />
                    <Button submit loading={recomputing}>
                      Recompute suggestions
                    </Button>
                  </Form>
                </InlineStack>
                {categories.length === 0 ? (
                  <Text as="p">No categories yet: they are created as products arrive.</Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "text", "text"]}
                    headings={["Category", "Products", "Suggested", "Set by you", "In use"]}
                    verticalAlign="middle"
                    rows={categories.map((category) => [
                      category.parentPath ? `\u00a0\u00a0\u00a0${category.name}` : <Text key="name" as="span" fontWeight="semibold">{category.name}</Text>,
                      category.products.toLocaleString("en-US"),
                      days(category.suggestedDepletionDays),
                      <DepletionEditor
                        key={`${category.path}:${category.depletionDays ?? ""}`}
                        path={category.path}
                        name={category.name}
                        value={category.depletionDays}
                        error={result?.intent === "set-depletion" && !result.ok && result.path === category.path ? result.error : null}
                      />,
                      category.effectiveDepletionDays === null ? (
                        "–"
                      ) : (
                        <InlineStack key="use" gap="100" wrap={false}>
                          <span>{days(category.effectiveDepletionDays)}</span>
                          <Badge tone={category.depletionDays === null ? "info" : undefined}>{category.depletionDays === null ? "suggested" : "yours"}</Badge>
                        </InlineStack>
                      ),
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

function DepletionEditor({ path, name, value, error }: { path: string; name: string; value: number | null; error: string | null }) {
  const [text, setText] = useState(value === null ? "" : String(value));
  return (
    <Form method="post" aria-label={`Depletion days for ${path}`}>
      <input type="hidden" name="intent" value="set-depletion" />
      <input type="hidden" name="path" value={path} />
      <InlineStack gap="200" blockAlign="start" wrap={false}>
        <div style={{ width: 120 }}>
          <TextField
            label={`Days one unit of ${name} lasts`}
            labelHidden
            name="depletionDays"
            value={text}
            onChange={setText}
            inputMode="numeric"
            autoComplete="off"
            placeholder="days"
            error={error ?? undefined}
          />
        </div>
        <Button submit accessibilityLabel={`Save ${path}`}>
          Save
        </Button>
      </InlineStack>
    </Form>
  );
}
