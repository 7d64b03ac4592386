import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { adminGraphqlFrom } from "~/adapters/shopify/bulkOperation.server";
import { unsubscribeCustomerInShopify } from "~/adapters/shopify/customerConsent.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { logger } from "~/logger.server";
import { verifyUnsubscribeToken } from "~/services/delivery/decisionToken.server";
import { emailLinkSecret, unsubscribeWithToken, type ConsentSync } from "~/services/delivery/unsubscribe.server";
import { unauthenticated } from "~/shopify.server";

// One-click unsubscribe (RFC 8058), public: the link in every email's List-Unsubscribe header and
// footer. The signed token `t` names the shop and customer; nothing else is trusted and no login,
// cookie or redirect is involved (mail providers POST without either and follow nothing).
//   POST /unsubscribe?t=...  (body List-Unsubscribe=One-Click): unsubscribes, answers 200 every time
//                            for a valid token (a repeat too); 400 and no writes for a bad token.
//   GET  /unsubscribe?t=...  : a page with a confirm button that POSTs. A GET never unsubscribes:
//                            mail scanners open links to check them.
const HEADERS = {
  "Cache-Control": "no-store",
  // The token is in the URL: no Referer leaves this page, and search engines keep out.
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
  "X-Frame-Options": "DENY",
};

export const headers: HeadersFunction = () => HEADERS;

export const meta: MetaFunction = () => [{ title: "Unsubscribe" }, { name: "robots", content: "noindex" }];

function tokenOf(request: Request): string {
  return new URL(request.url).searchParams.get("t") ?? "";
}

function secret(): string {
  return emailLinkSecret(env().SHOPIFY_API_SECRET);
}

type LoaderData = { valid: boolean; shopName: string | null };

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const claims = verifyUnsubscribeToken(tokenOf(request), secret());
  if (!claims) return json<LoaderData>({ valid: false, shopName: null }, { status: 400, headers: HEADERS });
  const shop = await (await db()).shop.findUnique({ where: { id: claims.shopId }, select: { name: true } });
  return json<LoaderData>({ valid: true, shopName: shop?.name ?? null }, { headers: HEADERS });
};

type ActionData = { ok: true } | { ok: false; error: string };

/** How long the shopper's request waits for Shopify; a slower answer is recorded when it comes, and retried if it fails. */
const SHOPIFY_WAIT_MS = 5_000;

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return json<ActionData>({ ok: false, error: "Use POST." }, { status: 405, headers: { ...HEADERS, Allow: "GET, POST" } });
  const config = env();
  const store = await db();
  const syncConsent: ConsentSync = config.DEMO_MODE
    ? async () => ({ status: "skipped", reason: "demo mode: there is no Shopify store to update" })
    : async (shopId, customerId, consentUpdatedAt) => {
        const { admin } = await unauthenticated.admin(shopId);
        const outcome = await unsubscribeCustomerInShopify(adminGraphqlFrom(admin), { customerId, consentUpdatedAt });
        return outcome.ok ? { status: "updated" } : { status: "failed", retryable: outcome.retryable, error: outcome.error };
      };
  const log = logger().child({ component: "unsubscribe" });
  const work = unsubscribeWithToken(store, tokenOf(request), { secret: secret(), now: new Date(), syncConsent });
  // The local effects (consent, suppression, blocked messages) are committed before Shopify is
  // called; only that call is waited for at most SHOPIFY_WAIT_MS.
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([work, new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), SHOPIFY_WAIT_MS)))]);
  clearTimeout(timer);
  if (waited === "late") {
    work.catch((error: unknown) => log.error({ err: error }, "unsubscribe failed after the answer"));
    return json<ActionData>({ ok: true }, { headers: HEADERS });
  }
  if (waited === null) return json<ActionData>({ ok: false, error: "This unsubscribe link is not valid." }, { status: 400, headers: HEADERS });
  log.info({ shopId: waited.shopId, repeated: waited.alreadyUnsubscribed, blocked: waited.blockedMessages, shopify: waited.shopify?.status ?? null }, "shopper unsubscribed");
  return json<ActionData>({ ok: true }, { headers: HEADERS });
};

const page: React.CSSProperties = { fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif", maxWidth: 480, margin: "15vh auto", padding: "0 20px", color: "#202223", lineHeight: 1.5 };
const button: React.CSSProperties = { font: "inherit", padding: "10px 18px", borderRadius: 8, border: "1px solid #202223", background: "#202223", color: "#fff", cursor: "pointer" };

export default function Unsubscribe() {
  const { valid, shopName } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const from = shopName ? `${shopName}'s` : "these";
  if (result?.ok) {
    return (
      <main style={page}>
        <h1>You are unsubscribed</h1>
        <p>{`You will not receive ${from} marketing emails any more. Emails about your orders still arrive.`}</p>
      </main>
    );
  }
  if (!valid || (result && !result.ok)) {
    return (
      <main style={page}>
        <h1>This link is not valid</h1>
        <p>It may be incomplete. Open the unsubscribe link from the email again, or contact the shop.</p>
      </main>
    );
  }
  return (
    <main style={page}>
      <h1>Unsubscribe</h1>
      <p>{`Stop receiving ${from} marketing emails?`}</p>
      {/* A plain form: it works without JavaScript and posts exactly what a mail client's one-click button posts. */}
      <form method="post" encType="application/x-www-form-urlencoded">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" style={button}>
          Unsubscribe
        </button>
      </form>
    </main>
  );
}
