import type { Random } from "./random";

/**
 * The browsers a shopper uses. Each has its own pixel `clientId` (Shopify's first-party cookie), so
 * one person appears as several visitors until they log in or check out. Some browsers decline
 * tracking in the cookie banner; the pixel then sends nothing, though webhooks still arrive.
 */
export type Device = {
  clientId: string;
  userAgent: string;
  viewport: { width: number; height: number };
  trackingAllowed: boolean;
  /** Relative share of the shopper's sessions on this device. */
  weight: number;
};

const AGENTS = [
  { weight: 38, width: 390, height: 844, ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1" },
  { weight: 22, width: 412, height: 915, ua: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36" },
  { weight: 16, width: 1512, height: 865, ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15" },
  { weight: 16, width: 1920, height: 969, ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36" },
  { weight: 8, width: 820, height: 1180, ua: "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1" },
] as const;

export function makeDevices(rng: Random, trackingConsentRate: number): Device[] {
  const count = rng.weighted([[1, 50], [2, 35], [3, 15]] as const);
  return Array.from({ length: count }, (_, position) => {
    const agent = rng.weighted(AGENTS.map((entry) => [entry, entry.weight] as const));
    return {
      clientId: rng.uuid(),
      userAgent: agent.ua,
      viewport: { width: agent.width, height: agent.height },
      trackingAllowed: rng.chance(trackingConsentRate),
      // The first browser (usually the phone) carries most visits.
      weight: position === 0 ? 3 : 1,
    };
  });
}
