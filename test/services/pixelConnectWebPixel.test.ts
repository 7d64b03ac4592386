import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GraphqlClient } from "~/adapters/shopify/shopProfile.server";
import { connectWebPixel } from "~/services/pixel/connectWebPixel.server";

/**
 * connectWebPixel against a local stand-in for the Admin GraphQL endpoint (the network is faked,
 * not the module): it keeps one web pixel per shop, as Shopify does, and answers TAKEN to a second
 * webPixelCreate.
 */
type Received = { query: string; variables: Record<string, unknown> };

describe("connectWebPixel", () => {
  let server: http.Server;
  let url: string;
  let pixel: { id: string; settings: string } | null;
  let received: Received[];
  let settingsError: boolean;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const { query, variables = {} } = JSON.parse(body) as Received;
        received.push({ query, variables });
        const input = variables.webPixel as { settings: string } | undefined;
        const errors = settingsError ? [{ code: "INVALID_SETTINGS", field: ["settings"], message: "appUrl is invalid" }] : [];
        let data: unknown;
        if (query.includes("webPixelCreate(")) {
          if (pixel) data = { webPixelCreate: { userErrors: [{ code: "TAKEN", field: null, message: "Web pixel is taken." }], webPixel: null } };
          else if (errors.length) data = { webPixelCreate: { userErrors: errors, webPixel: null } };
          else data = { webPixelCreate: { userErrors: [], webPixel: (pixel = { id: "gid://shopify/WebPixel/1", settings: input?.settings ?? "" }) } };
        } else if (query.includes("webPixelUpdate(")) {
          if (errors.length) data = { webPixelUpdate: { userErrors: errors, webPixel: null } };
          else data = { webPixelUpdate: { userErrors: [], webPixel: (pixel = { id: String(variables.id), settings: input?.settings ?? "" }) } };
        } else data = { webPixel: pixel };
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/api/2026-07/graphql.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    pixel = null;
    received = [];
    settingsError = false;
  });

  const admin: GraphqlClient = {
    graphql: (query, options) => fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query, variables: options?.variables }) }),
  };
  const settings = { appUrl: "https://app.example.com", shop: "demo.myshopify.com" };

  it("creates the shop's web pixel with the app URL and shop as its settings", async () => {
    expect(await connectWebPixel(admin, settings)).toEqual({ ok: true, id: "gid://shopify/WebPixel/1", action: "created" });
    expect(JSON.parse(pixel?.settings ?? "")).toEqual(settings);
    expect(received).toHaveLength(1);
  });

  it("updates the settings when the pixel already exists (re-auth after the app URL changed)", async () => {
    await connectWebPixel(admin, settings);
    const moved = { ...settings, appUrl: "https://new-host.example.com" };
    expect(await connectWebPixel(admin, moved)).toEqual({ ok: true, id: "gid://shopify/WebPixel/1", action: "updated" });
    expect(JSON.parse(pixel?.settings ?? "")).toEqual(moved);
    expect(received.map((r) => r.query.match(/(webPixelCreate|webPixelUpdate|webPixel) ?[({]/)?.[1])).toEqual(["webPixelCreate", "webPixelCreate", "webPixel", "webPixelUpdate"]);
  });

  it("reports Shopify's refusal as a value", async () => {
    settingsError = true;
    expect(await connectWebPixel(admin, settings)).toEqual({ ok: false, error: "INVALID_SETTINGS: appUrl is invalid" });
  });
});
