import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { PIXEL_LIMITS } from "~/domain/pixel/pixelBatch";
import { logger } from "~/logger.server";
import { ingestPixelBatch } from "~/services/pixel/ingestPixelBatch.server";
import { pixelRateLimiter } from "~/services/pixel/pixelRateLimit.server";
import { readLimitedBody } from "~/services/pixel/readLimitedBody.server";

// The web pixel's endpoint (extensions/web-pixel). Public: a pixel runs in the shopper's browser
// and cannot sign, so what protects it is the shape of what it accepts: POST only, 64 KiB, every
// event validated, installed shops only, a rate limit per browser, deduplication by event id.
// Cross-origin from Shopify's sandbox: any origin, never credentials (no cookies are read or set).
// Answers 202 once the events are in the inbox; the worker applies them.
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
  // The pixel reads Retry-After to back off (a non-safelisted header must be exposed).
  "Access-Control-Expose-Headers": "Retry-After",
  "Cache-Control": "no-store",
};

function reply(status: number, body: object | null, headers: Record<string, string> = {}): Response {
  const contentType: Record<string, string> = body ? { "Content-Type": "application/json" } : {};
  return new Response(body ? JSON.stringify(body) : null, { status, headers: { ...CORS, ...contentType, ...headers } });
}

// GET, HEAD and OPTIONS reach the loader: OPTIONS is the CORS preflight, the rest are refused.
export const loader = ({ request }: LoaderFunctionArgs) =>
  request.method === "OPTIONS" ? reply(204, null) : reply(405, { error: "POST pixel batches" }, { Allow: "POST, OPTIONS" });

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return reply(405, { error: "POST pixel batches" }, { Allow: "POST, OPTIONS" });
  const body = await readLimitedBody(request, PIXEL_LIMITS.maxBodyBytes);
  if (!body.ok) return reply(body.status, { error: body.reason }, body.status === 413 ? { Connection: "close" } : {});
  const outcome = await ingestPixelBatch(await db(), body.text, { limiter: pixelRateLimiter(), now: new Date() });
  const log = logger().child({ component: "pixel" });
  switch (outcome.status) {
    case 202: {
      const { status: _status, ...counts } = outcome;
      log.debug(counts, "pixel batch");
      return reply(202, counts);
    }
    case 429:
      return reply(429, { error: "too many events", retryAfterSeconds: outcome.retryAfterSeconds }, { "Retry-After": String(outcome.retryAfterSeconds) });
    default:
      // The reason names fields and rules, never values: nothing a shopper typed reaches the log.
      log.debug({ status: outcome.status, reason: outcome.error }, "pixel batch refused");
      return reply(outcome.status, { error: outcome.error });
  }
};
