import type { ReactNode } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineGrid, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { formatMoney } from "~/domain/money/money";
import { listComplianceExports } from "~/services/compliance/complianceExports.server";
import { getCustomerProfile } from "~/services/profiles/customerProfile.server";

const CustomerId = z.string().regex(/^\d{1,20}$/);

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const id = CustomerId.safeParse(params.id);
  if (!id.success) throw new Response("Customer not found", { status: 404 });
  const store = await db();
  const profile = await getCustomerProfile(store, shop, id.data, new Date());
  if (!profile) throw new Response("Customer not found", { status: 404 });
  const exports = await listComplianceExports(store, shop, { customerId: id.data });
  return { profile, exports: exports.rows };
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Profile = Data["profile"];

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "–");
const minute = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "–");
const num = (n: number | null | undefined, unit = "") => (n === null || n === undefined ? "–" : `${n.toLocaleString("en-US")}${unit}`);
const label = (value: string) => value.toLowerCase().replaceAll("_", " ");
/** "2 × Serum +1 more": the first line, short enough for a table cell. */
const items = (lines: { quantity: number; title: string }[]) => {
  const [first] = lines;
  if (!first) return "–";
  const title = first.title.length > 28 ? `${first.title.slice(0, 27)}…` : first.title;
  return `${first.quantity} × ${title}${lines.length > 1 ? ` +${lines.length - 1} more` : ""}`;
};

export default function CustomerProfilePage() {
  const { profile, exports } = useLoaderData<typeof loader>();
  const money = (amountMinor: number, currencyCode = profile.orders.currencyCode) => formatMoney({ amountMinor, currencyCode }, "en-US");
  const { identity } = profile;
  return (
    <Page
      title={identity.displayName}
      backAction={{ content: "Customers", url: "/app/customers" }}
      titleMetadata={
        <InlineStack gap="200">
          {identity.redactedAt ? <Badge tone="warning">{`Redacted ${day(identity.redactedAt)}`}</Badge> : null}
          {identity.deletedAt ? <Badge>Deleted</Badge> : null}
          <Badge tone={profile.consent.canEmail ? "success" : undefined}>{profile.consent.canEmail ? "Can be emailed" : "No marketing email"}</Badge>
        </InlineStack>
      }
    >
      <Layout>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Section title="Identity">
              <Facts
                items={[
                  { term: "Customer id", description: identity.id },
                  { term: "Email", description: identity.email ?? "–" },
                  { term: "Phone", description: identity.phone ?? "–" },
                  { term: "Region", description: [identity.provinceCode, identity.countryCode].filter(Boolean).join(", ") || "–" },
                  { term: "Time zone", description: `${profile.zone.timeZone} (${profile.zone.timeZoneSource === "customer" ? "theirs" : "the shop's"})` },
                  { term: "Locale", description: profile.zone.locale ? `${profile.zone.locale} (from their ${profile.zone.localeSource})` : "–" },
                  { term: "Customer since", description: day(identity.createdAt) },
                  { term: "Tags", description: identity.tags.join(", ") || "–" },
                ]}
              />
            </Section>
            <Section title="Email marketing consent">
              <Facts
                items={[
                  { term: "State", description: label(profile.consent.state) },
                  { term: "Opt-in level", description: profile.consent.optInLevel ? label(profile.consent.optInLevel) : "–" },
                  { term: "Changed", description: minute(profile.consent.changedAt) },
                ]}
              />
            </Section>
            <Loyalty loyalty={profile.loyalty} />
            <Section title="Data requests">
              {exports.length === 0 ? (
                <Text as="p" tone="subdued">
                  No data request for this customer.
                </Text>
              ) : (
                exports.map((row) => (
                  <Link key={row.id} url={`/app/customers/exports/${row.id}`} target="_blank">
                    {`Export requested ${minute(row.requestedAt)}`}
                  </Link>
                ))
              )}
            </Section>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
              <Figure label="Orders" value={num(profile.orders.count)} />
              <Figure label="Spent" value={money(profile.orders.spentMinor)} />
              <Figure label="Average order" value={profile.orders.averageOrderMinor === null ? "–" : money(profile.orders.averageOrderMinor)} />
              <Figure label="Last order" value={day(profile.orders.lastAt)} />
            </InlineGrid>
            <Section
              title="Purchases by category"
              subtitle="Typical interval: median days between purchase occasions (how many). Runs out: from their own days per unit once they have two intervals, else from the category's depletion timeline."
            >
              <Table
                types={["text", "numeric", "numeric", "text", "text", "numeric", "text"]}
                headings={["Category", "Orders", "Units", "Last bought", "Typical interval", "Days per unit", "Runs out"]}
                rows={profile.categories.map((c) => [
                  c.categoryPath ?? "Uncategorised",
                  num(c.orders),
                  num(c.quantity),
                  day(c.lastAt),
                  c.medianIntervalDays === null ? "–" : `${num(c.medianIntervalDays)} d (${c.intervalsDays.length})`,
                  num(c.daysPerUnit),
                  c.runOutAt ? `${day(c.runOutAt)} (${c.runOutBasis === "own-cadence" ? "own" : "category"})` : "–",
                ])}
              />
            </Section>
            <Section title="Orders">
              <Table
                types={["text", "text", "numeric", "text", "text", "text"]}
                headings={["Order", "Date", "Total", "Status", "Items", "Source"]}
                rows={profile.orders.list.map((o) => [
                  o.name,
                  day(o.processedAt),
                  money(o.totalMinor, o.currencyCode),
                  o.cancelledAt ? "cancelled" : (o.financialStatus ?? "–"),
                  items(o.lineItems),
                  [o.utmSource, o.utmMedium].filter(Boolean).join(" / ") || "–",
                ])}
              />
            </Section>
            <Traffic traffic={profile.traffic} />
            <Section title="Carts and checkouts">
              <Table
                types={["text", "text", "text", "numeric", "text"]}
                headings={["Kind", "Last activity", "State", "Total", "Items"]}
                rows={profile.baskets.list.map((b) => [
                  b.kind,
                  minute(b.updatedAt),
                  b.state === "abandoned" ? `abandoned ${minute(b.abandonedAt)}` : b.state,
                  money(b.totalMinor, b.currencyCode),
                  items(b.lines),
                ])}
              />
            </Section>
            <Browsing browsing={profile.browsing} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Section({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {subtitle ? (
          <Text as="p" tone="subdued">
            {subtitle}
          </Text>
        ) : null}
        {children}
      </BlockStack>
    </Card>
  );
}

function Figure({ label: name, value }: { label: string; value: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {name}
        </Text>
        <Text as="p" variant="headingLg">
          {value}
        </Text>
      </BlockStack>
    </Card>
  );
}

/** Label-value pairs that stay readable in a narrow column. */
function Facts({ items: facts }: { items: { term: string; description: string }[] }) {
  return (
    <BlockStack gap="200">
      {facts.map((fact) => (
        <InlineStack key={fact.term} align="space-between" gap="200" wrap={false}>
          <Text as="span" tone="subdued">
            {fact.term}
          </Text>
          <Text as="span" alignment="end" breakWord>
            {fact.description}
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}

type Cell = "text" | "numeric";
function Table({ types, headings, rows }: { types: Cell[]; headings: string[]; rows: string[][] }) {
  if (rows.length === 0) {
    return (
      <Text as="p" tone="subdued">
        None.
      </Text>
    );
  }
  return <DataTable columnContentTypes={types} headings={headings} rows={rows} />;
}

function Loyalty({ loyalty }: { loyalty: Profile["loyalty"] }) {
  return (
    <Section title="Loyalty points">
      <Facts
        items={[
          { term: "Balance", description: num(loyalty.balance) },
          { term: "Earned", description: num(loyalty.earned) },
          { term: "Redeemed", description: num(loyalty.redeemed) },
          { term: "Expired", description: num(loyalty.expired) },
          { term: "Next expiry", description: loyalty.nextExpiry ? `${num(loyalty.nextExpiry.points)} on ${day(loyalty.nextExpiry.at)}` : "–" },
          { term: "Affordable reward", description: loyalty.bestAffordableTier?.name ?? "–" },
        ]}
      />
      <Table
        types={["text", "text", "numeric", "numeric"]}
        headings={["Date", "Entry", "Points", "Balance"]}
        rows={loyalty.history.slice(0, 10).map((line) => [day(line.occurredAt), line.kind, num(line.points), num(line.balanceAfter)])}
      />
    </Section>
  );
}

function Traffic({ traffic }: { traffic: Profile["traffic"] }) {
  return (
    <Section title="Traffic sources" subtitle="UTM parameters of their orders' and checkouts' landing pages and of their visits.">
      <Table
        types={["text", "text", "text", "numeric", "numeric", "numeric", "text"]}
        headings={["Source", "Medium", "Campaign", "Orders", "Checkouts", "Visits", "Last seen"]}
        rows={traffic.sources.map((s) => [s.source ?? "(direct or unknown)", s.medium ?? "–", s.campaign ?? "–", num(s.orders), num(s.checkouts), num(s.visits), day(s.lastAt)])}
      />
    </Section>
  );
}

function Browsing({ browsing }: { browsing: Profile["browsing"] }) {
  return (
    <Section title="Browsing" subtitle="Web-pixel events of this customer and of the browsers linked to them, in sessions split at 30 minutes of inactivity.">
      <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
        <Figure label="Sessions" value={num(browsing.sessions)} />
        <Figure label="Pages per session" value={num(browsing.meanDepth)} />
        <Figure label="Product views" value={num(browsing.productViews)} />
        <Figure label="Added to cart" value={num(browsing.addToCarts)} />
      </InlineGrid>
      <Facts
        items={[
          { term: "Last visit", description: minute(browsing.lastVisitAt) },
          { term: "Days between visits", description: num(browsing.meanDaysBetweenVisits) },
          { term: "Sessions in the last 30 days", description: num(browsing.sessionsLast30Days) },
          { term: "Linked browsers", description: num(browsing.linkedClients.length) },
        ]}
      />
      <Table
        types={["text", "numeric", "numeric", "numeric", "text"]}
        headings={["Session start", "Pages", "Product views", "Added to cart", "Source"]}
        rows={browsing.recentSessions.map((s) => [minute(s.startedAt), num(s.depth), num(s.productViews), num(s.addToCarts), s.utm.source ?? "–"])}
      />
    </Section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Page title={notFound ? "Customer not found" : "Something went wrong"} backAction={{ content: "Customers", url: "/app/customers" }}>
      <Card>
        <Text as="p">{notFound ? "This shop has no customer with that id." : "The profile could not be loaded."}</Text>
      </Card>
    </Page>
  );
}
