import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { formFromSettings, readSmtpSettings, saveSmtpSettings, smtpFormFields, type SmtpFormFields } from "~/services/delivery/smtpSettings.server";

// The shop's SMTP server. The password is write-only: the page learns only whether one is stored;
// it is never sent back to the browser, not even after a failed save.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const view = await readSmtpSettings(await db(), shop);
  return { fields: formFromSettings(view), configured: view.settings !== null, passwordStored: view.passwordStored, canStoreSecrets: Boolean(env().APP_ENCRYPTION_KEY) };
};

// `nonce` remounts the form after every save, so a typed password never lingers in the page either.
type ActionResult = { ok: true; nonce: string; passwordStored: boolean; fields: SmtpFormFields } | { ok: false; nonce: string; errors: Record<string, string>; fields: SmtpFormFields };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const fields = smtpFormFields(await request.formData());
  const result = await saveSmtpSettings(await db(), shop, fields, env().APP_ENCRYPTION_KEY);
  if (!result.ok) return json<ActionResult>({ ok: false, nonce: crypto.randomUUID(), errors: result.errors, fields: { ...fields, password: "" } }, { status: 400 });
  return json<ActionResult>({ ok: true, nonce: crypto.randomUUID(), passwordStored: result.passwordStored, fields: formFromSettings({ settings: result.settings, passwordStored: result.passwordStored, passwordUpdatedAt: null }) });
};

export default function DeliverySettings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state !== "idle";
  const failed = result && !result.ok ? result : null;
  const passwordStored = result?.ok ? result.passwordStored : data.passwordStored;
  return (
    <Page title="Delivery settings" subtitle="The SMTP server your marketing emails are sent through">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.ok ? (
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
            <SmtpForm key={result?.nonce ?? "initial"} initial={result?.fields ?? data.fields} errors={failed?.errors ?? {}} passwordStored={passwordStored} saving={saving} />
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

function SmtpForm({ initial, errors, passwordStored, saving }: { initial: SmtpFormFields; errors: Record<string, string>; passwordStored: boolean; saving: boolean }) {
  const [fields, setFields] = useState(initial);
  const set = (name: keyof SmtpFormFields) => (value: string) => setFields((current) => ({ ...current, [name]: value }));
  return (
    <Card>
      <Form method="post" autoComplete="off">
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
