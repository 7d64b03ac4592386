import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsubscribeCustomerInShopify } from "~/adapters/shopify/customerConsent.server";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";

type Call = { query: string; variables: { input: { customerId: string; emailMarketingConsent: Record<string, unknown> } } };

/**
 * customerEmailMarketingConsentUpdate over real HTTP against a stand-in for the Admin GraphQL
 * endpoint: the input Shopify documents (customer gid, UNSUBSCRIBED, the click's time), and each
 * way it can answer: the customer, userErrors, top-level errors, a server that is down.
 */
describe("withdrawing email consent in Shopify", () => {
  const calls: Call[] = [];
  const answers: Array<{ status: number; body: unknown }> = [];
  let server: http.Server;
  let url = "";
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        calls.push(JSON.parse(body) as Call);
        const answer = answers.shift() ?? { status: 500, body: { errors: [{ message: "no scripted answer" }] } };
        response.writeHead(answer.status, { "Content-Type": "application/json" });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/admin/api/2026-07/graphql.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const graphql: AdminGraphql = async (query, variables) => {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return response.json();
  };
  const AT = new Date("2026-11-25T12:30:00Z");

  it("sends the documented input and reads the new state", async () => {
    answers.push({ status: 200, body: { data: { customerEmailMarketingConsentUpdate: { customer: { id: "gid://shopify/Customer/7001", emailMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: AT.toISOString() } }, userErrors: [] } } } });
    const outcome = await unsubscribeCustomerInShopify(graphql, { customerId: "7001", consentUpdatedAt: AT });
    expect(outcome).toEqual({ ok: true, marketingState: "UNSUBSCRIBED" });
    const call = calls.at(-1)!;
    expect(call.query).toContain("customerEmailMarketingConsentUpdate(input: $input)");
    expect(call.variables).toEqual({ input: { customerId: "gid://shopify/Customer/7001", emailMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: "2026-11-25T12:30:00.000Z" } } });
  });

  it("reports userErrors as final, and top-level errors, odd shapes and an unreachable server as retryable", async () => {
    answers.push({ status: 200, body: { data: { customerEmailMarketingConsentUpdate: { customer: null, userErrors: [{ field: ["input", "customerId"], message: "Customer does not exist", code: "INVALID" }] } } } });
    expect(await unsubscribeCustomerInShopify(graphql, { customerId: "gid://shopify/Customer/1", consentUpdatedAt: AT })).toEqual({ ok: false, retryable: false, error: "Customer does not exist" });
    expect(calls.at(-1)!.variables.input.customerId).toBe("gid://shopify/Customer/1");

    answers.push({ status: 200, body: { errors: [{ message: "Throttled" }] } });
    expect(await unsubscribeCustomerInShopify(graphql, { customerId: "1", consentUpdatedAt: AT })).toEqual({ ok: false, retryable: true, error: "Throttled" });

    answers.push({ status: 200, body: { data: { somethingElse: true } } });
    expect(await unsubscribeCustomerInShopify(graphql, { customerId: "1", consentUpdatedAt: AT })).toMatchObject({ ok: false, retryable: true });

    const down: AdminGraphql = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:1");
    };
    expect(await unsubscribeCustomerInShopify(down, { customerId: "1", consentUpdatedAt: AT })).toEqual({ ok: false, retryable: true, error: "Shopify could not be reached: connect ECONNREFUSED 127.0.0.1:1" });
  });
});
