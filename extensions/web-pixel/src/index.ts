import { register } from "@shopify/web-pixels-extension";
import { createCollector } from "./collector";
import { pixelTarget, SUBSCRIBED_EVENTS } from "./pixelPayload";

// The app's web pixel: Shopify loads it only for shoppers who allowed analytics
// (shopify.extension.toml, [customer_privacy]); it batches the standard events the app reads and
// POSTs them to the app's /pixel/events. The logic lives in collector.ts, batcher.ts and
// pixelPayload.ts, which are tested; this file only wires them to the Web Pixels API.
register(({ analytics, browser, init, settings, customerPrivacy }) => {
  const target = pixelTarget(settings);
  if (!target || init.customerPrivacy?.analyticsProcessingAllowed === false) return;

  const collector = createCollector({
    target,
    customerId: init.data?.customer?.id ?? null,
    timeZone: browserTimeZone(),
    post: async (url, body) => {
      // text/plain keeps it a simple CORS request (no preflight); keepalive lets it outlive the page.
      const response = await fetch(url, { method: "POST", body, keepalive: true, credentials: "omit", headers: { "Content-Type": "text/plain;charset=UTF-8" } });
      return { status: response.status, retryAfter: response.headers.get("Retry-After") };
    },
    storage: browser.sessionStorage,
    now: () => Date.now(),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  void collector.restore();

  for (const name of SUBSCRIBED_EVENTS) analytics.subscribe(name, (event) => collector.track(event));

  // Consent can change during the visit: stop at once when analytics is withdrawn.
  customerPrivacy.subscribe("visitorConsentCollected", (event) => {
    if (!event.customerPrivacy.analyticsProcessingAllowed) collector.stop();
  });

  // In the lax sandbox (an iframe) the page's hiding is visible; in the strict one (a worker) it
  // never fires, and the buffer saved in sessionStorage carries events over instead.
  if (typeof addEventListener === "function") addEventListener("pagehide", () => collector.flushAll());
});

function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}
