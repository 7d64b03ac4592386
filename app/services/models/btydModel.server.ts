import { z } from "zod";
import type { Db } from "~/db.server";
import { fitBgNbd } from "~/domain/models/btyd/bgnbd";
import { type BtydModel, type ClvSettings, type CustomerScore, clvSettingsProblem, scoreCustomer } from "~/domain/models/btyd/clv";
import { fitGammaGamma } from "~/domain/models/btyd/gammaGamma";
import { DEFAULT_REFIT_POLICY, type RefitPolicy, type RefitReason, refitReason } from "~/domain/models/btyd/refitPolicy";
import { type BtydCustomer, type Purchase, summariseForBtyd } from "~/domain/models/eventLog";

/**
 * Per-shop BTYD models: BG/NBD for purchase counts and P(alive), gamma-gamma for spend, fitted on
 * the shop's orders (not cancelled, with a customer, processed by `now`; same-day orders are one
 * transaction; spend is the order subtotal in minor units of the shop's currency), cached in
 * ModelFit (kinds "bgnbd" and "gamma-gamma") and refitted when the refit policy says so.
 */

export const BGNBD_KIND = "bgnbd";
export const GAMMA_GAMMA_KIND = "gamma-gamma";

const positive = z.number().positive().finite();
const StoredBgNbd = z.object({ r: positive, alpha: positive, a: positive, b: positive });
const StoredGammaGamma = z.object({ p: positive, q: positive, gamma: positive });

export type ShopBtydModel = {
  model: BtydModel;
  fittedAt: Date;
  customers: number;
  ordersSeen: number;
  logLikelihood: { bgnbd: number | null; gammaGamma: number | null };
  /** Why this call refitted; null when the cached fit was used. */
  refitted: RefitReason | null;
};

export type ShopBtydResult = { ok: true; value: ShopBtydModel } | { ok: false; error: string };

/** The shop's model, refitted first if the policy asks for it. */
export async function ensureShopBtydModel(store: Db, shopId: string, now: Date, policy: RefitPolicy = DEFAULT_REFIT_POLICY): Promise<ShopBtydResult> {
  const orders = await store.order.count({ where: orderFilter(shopId, now) });
  const cached = await readCachedModel(store, shopId);
  const reason = refitReason(cached ? { ordersSeen: cached.ordersSeen, fittedAt: cached.fittedAt } : null, { orders, now }, policy);
  if (cached && !reason) return { ok: true, value: cached };
  const purchases = await loadShopPurchases(store, shopId, now);
  return refit(store, shopId, now, purchases, reason ?? "no-fit");
}

export type CustomerBtydScore = CustomerScore & Pick<BtydCustomer, "customerId" | "x" | "tx" | "T">;

/**
 * Scores the shop's customers (or the given ones) as of `now`: expected purchases and pCLV over the
 * horizon, P(alive), expected spend per purchase (minor units).
 */
export async function scoreShopCustomers(
  store: Db,
  shopId: string,
  now: Date,
  settings: ClvSettings,
  options: { customerIds?: string[]; policy?: RefitPolicy } = {},
): Promise<{ ok: true; fittedAt: Date; scores: CustomerBtydScore[] } | { ok: false; error: string }> {
  const problem = clvSettingsProblem(settings);
  if (problem) return { ok: false, error: problem };
  const fitted = await ensureShopBtydModel(store, shopId, now, options.policy);
  if (!fitted.ok) return fitted;
  const purchases = await loadShopPurchases(store, shopId, now, options.customerIds);
  const { customers } = summariseForBtyd(purchases, now);
  const scores = customers.map((customer) => ({
    customerId: customer.customerId,
    x: customer.x,
    tx: customer.tx,
    T: customer.T,
    ...scoreCustomer(fitted.value.model, customer, settings),
  }));
  return { ok: true, fittedAt: fitted.value.fittedAt, scores };
}

export async function loadShopPurchases(store: Db, shopId: string, now: Date, customerIds?: string[]): Promise<Purchase[]> {
  const rows = await store.order.findMany({
    where: { ...orderFilter(shopId, now), ...(customerIds ? { customerId: { in: customerIds } } : {}) },
    select: { customerId: true, processedAt: true, subtotalMinor: true },
  });
  return rows.flatMap((row) => (row.customerId ? [{ customerId: row.customerId, date: row.processedAt, amount: row.subtotalMinor }] : []));
}

function orderFilter(shopId: string, now: Date) {
  return { shopId, customerId: { not: null }, cancelledAt: null, processedAt: { lte: now } };
}

async function refit(store: Db, shopId: string, now: Date, purchases: Purchase[], reason: RefitReason): Promise<ShopBtydResult> {
  const { customers } = summariseForBtyd(purchases, now);
  if (customers.length < 2) return { ok: false, error: `the shop has ${customers.length} customer(s) with orders; the models need at least two` };
  const bgnbd = fitBgNbd(customers);
  if (!bgnbd.converged && !Number.isFinite(bgnbd.logLikelihood)) return { ok: false, error: "the BG/NBD fit did not converge on this shop's orders" };
  const spenders = customers.filter((customer) => customer.x > 0 && (customer.meanRepeatSpend ?? 0) > 0);
  const gammaGamma = spenders.length >= 2 ? fitGammaGamma(spenders.map((customer) => ({ x: customer.x, meanSpend: customer.meanRepeatSpend ?? 0 }))) : null;
  const usableSpend = gammaGamma && Number.isFinite(gammaGamma.logLikelihood) && gammaGamma.parameters.q > 1 ? gammaGamma : null;
  const ordersSeen = purchases.length;
  const row = (kind: string, parameters: object, logLikelihood: number, fitCustomers: number) => ({
    shopId,
    kind,
    parameters: JSON.stringify(parameters),
    logLikelihood,
    customers: fitCustomers,
    ordersSeen,
    fittedAt: now,
  });
  const upsert = (data: ReturnType<typeof row>) =>
    store.modelFit.upsert({ where: { shopId_kind: { shopId, kind: data.kind } }, create: data, update: data });
  await store.$transaction([
    upsert(row(BGNBD_KIND, bgnbd.parameters, bgnbd.logLikelihood, bgnbd.customers)),
    usableSpend
      ? upsert(row(GAMMA_GAMMA_KIND, usableSpend.parameters, usableSpend.logLikelihood, usableSpend.customers))
      : store.modelFit.deleteMany({ where: { shopId, kind: GAMMA_GAMMA_KIND } }),
  ]);
  return {
    ok: true,
    value: {
      model: { bgNbd: bgnbd.parameters, gammaGamma: usableSpend?.parameters ?? null },
      fittedAt: now,
      customers: bgnbd.customers,
      ordersSeen,
      logLikelihood: { bgnbd: bgnbd.logLikelihood, gammaGamma: usableSpend?.logLikelihood ?? null },
      refitted: reason,
    },
  };
}

/** The cached fit, or null when there is none or it no longer parses (then it is refitted). */
async function readCachedModel(store: Db, shopId: string): Promise<ShopBtydModel | null> {
  const rows = await store.modelFit.findMany({ where: { shopId, kind: { in: [BGNBD_KIND, GAMMA_GAMMA_KIND] } } });
  const bgRow = rows.find((row) => row.kind === BGNBD_KIND);
  const ggRow = rows.find((row) => row.kind === GAMMA_GAMMA_KIND);
  const bg = bgRow ? StoredBgNbd.safeParse(parseJson(bgRow.parameters)) : null;
  if (!bgRow || !bg?.success) return null;
  const gg = ggRow ? StoredGammaGamma.safeParse(parseJson(ggRow.parameters)) : null;
  return {
    model: { bgNbd: bg.data, gammaGamma: gg?.success ? gg.data : null },
    fittedAt: bgRow.fittedAt,
    customers: bgRow.customers,
    ordersSeen: bgRow.ordersSeen,
    logLikelihood: { bgnbd: bgRow.logLikelihood, gammaGamma: gg?.success ? (ggRow?.logLikelihood ?? null) : null },
    refitted: null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
