import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { requireAdmin } from "~/auth.server";
import { env } from "~/env.server";
import { DemoFrame } from "~/components/DemoFrame";
import { NAVIGATION } from "~/components/navigation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await requireAdmin(request);
  return { apiKey: env().SHOPIFY_API_KEY, demo: context.mode === "demo", shop: context.shop };
};

export default function AppLayout() {
  const { apiKey, demo, shop } = useLoaderData<typeof loader>();
  if (demo) {
    // Outside Shopify's admin there is no App Bridge; Polaris renders on its own with a visible menu.
    return (
      <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
        <DemoFrame shop={shop}>
          <Outlet />
        </DemoFrame>
      </AppProvider>
    );
  }
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        {NAVIGATION.map((item) => (
          <Link key={item.url} to={item.url} rel={item.url === "/app" ? "home" : undefined}>
            {item.label}
          </Link>
        ))}
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so that their headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
