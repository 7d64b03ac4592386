import type { Projection } from "./projection.server";

/** Projections of the store's own records (customers, consent, products, orders, carts, checkouts). */
export const STORE_PROJECTIONS: Record<string, Projection> = {};
