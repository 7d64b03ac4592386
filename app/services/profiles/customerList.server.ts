import type { Db } from "~/db.server";
import type { Prisma } from "~/generated/sqlite/client";
import { canEmail, displayName } from "~/domain/profiles/identity";

export type CustomerListRow = {
  id: string;
  name: string;
  email: string | null;
  consent: string;
  canEmail: boolean;
  orders: number;
  spentMinor: number;
  lastOrderAt: Date | null;
  redacted: boolean;
  deleted: boolean;
};

export type CustomerList = { rows: CustomerListRow[]; total: number; page: number; pageCount: number; pageSize: number; search: string; currencyCode: string };

export const CUSTOMER_PAGE_SIZE = 25;

/**
 * One page of a shop's customers, newest first, optionally filtered by a search on email, name
 * or id. Matching is a substring match; for names it also tries the capitalised and lower-cased
 * forms, since PostgreSQL compares case-sensitively and the client offers no portable insensitive
 * mode. Order figures count orders that were not cancelled.
 */
export async function listCustomers(store: Db, shopId: string, options: { search?: string; page?: number; pageSize?: number } = {}): Promise<CustomerList> {
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? CUSTOMER_PAGE_SIZE));
  const search = (options.search ?? "").trim().slice(0, 100);
  const where = { shopId, ...(search ? { OR: searchConditions(search) } : {}) };
  const total = await store.customer.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pageCount, Math.max(1, Math.floor(options.page ?? 1)));
  const customers = await store.customer.findMany({
    where,
    orderBy: [{ shopifyCreatedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  const ids = customers.map((customer) => customer.id);
  const [stats, shop] = await Promise.all([
    ids.length
      ? store.order.groupBy({
          by: ["customerId"],
          where: { shopId, customerId: { in: ids }, cancelledAt: null },
          _count: { _all: true },
          _sum: { totalMinor: true },
          _max: { processedAt: true },
        })
      : [],
    store.shop.findUnique({ where: { id: shopId }, select: { currencyCode: true } }),
  ]);
  const byCustomer = new Map(stats.map((row) => [row.customerId, row]));
  return {
    rows: customers.map((customer) => {
      const stat = byCustomer.get(customer.id);
      return {
        id: customer.id,
        name: displayName(customer),
        email: customer.email,
        consent: customer.emailMarketingState,
        canEmail: canEmail(customer),
        orders: stat?._count._all ?? 0,
        spentMinor: stat?._sum.totalMinor ?? 0,
        lastOrderAt: stat?._max.processedAt ?? null,
        redacted: customer.redactedAt !== null,
        deleted: customer.deletedAt !== null,
      };
    }),
    total,
    page,
    pageCount,
    pageSize,
    search,
    currencyCode: shop?.currencyCode ?? "USD",
  };
}

function searchConditions(search: string): Prisma.CustomerWhereInput[] {
  const forms = (text: string) => [...new Set([text, text.toLowerCase(), capitalise(text)])];
  const conditions: Prisma.CustomerWhereInput[] = [{ id: search.replace(/^gid:\/\/shopify\/Customer\//, "") }];
  for (const form of forms(search)) conditions.push({ email: { contains: form } }, { firstName: { contains: form } }, { lastName: { contains: form } });
  // "Jane Doe": first name and last name.
  const [first, ...rest] = search.split(/\s+/);
  if (first && rest.length > 0) {
    const last = rest.join(" ");
    for (const [a, b] of forms(first).flatMap((f) => forms(last).map((l) => [f, l] as const))) {
      conditions.push({ AND: [{ firstName: { contains: a } }, { lastName: { contains: b } }] });
    }
  }
  return conditions;
}

function capitalise(value: string): string {
  return value.replace(/(^|[\s'-])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
}
