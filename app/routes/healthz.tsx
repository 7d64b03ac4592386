// Liveness for load balancers and uptime checks: answers without touching the database or Shopify.
export const loader = () => new Response("ok", { status: 200, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
