/** The admin panel's pages, in menu order. One list feeds both Shopify's NavMenu and the demo menu. */
export const NAVIGATION: ReadonlyArray<{ url: string; label: string }> = [
  { url: "/app", label: "Overview" },
  { url: "/app/customers", label: "Customers" },
  { url: "/app/catalog", label: "Catalog" },
  { url: "/app/objectives", label: "Objectives" },
  { url: "/app/decisions", label: "Decisions" },
  { url: "/app/approvals", label: "Approvals" },
  { url: "/app/policies", label: "Policies" },
  { url: "/app/audit", label: "Audit" },
  { url: "/app/inbox", label: "Inbox" },
  { url: "/app/backfill", label: "History import" },
  { url: "/app/outbox", label: "Outbox" },
  { url: "/app/delivery", label: "Delivery settings" },
];
