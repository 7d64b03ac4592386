import { bestsellerNewsletterAgent } from "./bestsellerNewsletterAgent";
import { cartIntentAgent } from "./cartIntentAgent";
import { AGENT_NAMES, type Agent, type AgentContext, type AgentName, type Proposal, type ShopperSnapshot } from "./contract";
import { loyaltyAgent } from "./loyaltyAgent";
import { postPurchaseAgent } from "./postPurchaseAgent";
import { replenishmentAgent } from "./replenishmentAgent";

export * from "./contract";

/** The five agents by name. Each is a pure function: (shopper, context) -> proposals. */
export const AGENTS: Record<AgentName, Agent> = {
  replenishment: replenishmentAgent,
  "post-purchase": postPurchaseAgent,
  loyalty: loyaltyAgent,
  "cart-intent": cartIntentAgent,
  "bestseller-newsletter": bestsellerNewsletterAgent,
};

/**
 * Every agent's proposals for one shopper, in agent order, then by id. All five run whatever the
 * objectives allow: the planner drops what no active objective allows and says so, so the admin
 * can see what a wider objective would have sent.
 */
export function proposeAll(shopper: ShopperSnapshot, context: AgentContext): Proposal[] {
  return AGENT_NAMES.flatMap((name) => AGENTS[name](shopper, context).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
