import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSmtpServer, type LocalSmtpServer } from "~/demo/localSmtpServer";
import { DEMO_ENCRYPTION_KEY } from "~/env.server";
import { readSmtpSettings, saveSmtpSettings, smtpTransportForShop, type SmtpFormFields } from "~/services/delivery/smtpSettings.server";
import { decryptSecret, encryptSecret, EncryptionKeyMissingError, readShopSecret, SecretUnreadableError, storeShopSecret } from "~/services/secrets.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases";
import { deliveryShop } from "../support/delivery";

const KEY = "0f".repeat(32);
const OTHER_KEY = "a1".repeat(32);
const SHOP = "fern-and-moss.myshopify.com";
const PASSWORD = "s3cret pässwörd 🔑";

describe("secret encryption (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time, and never contains the plaintext", () => {
    const a = encryptSecret(PASSWORD, SHOP, "smtp-password", KEY);
    const b = encryptSecret(PASSWORD, SHOP, "smtp-password", KEY);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(a).not.toContain("pässwörd");
    expect(decryptSecret(a, SHOP, "smtp-password", KEY)).toBe(PASSWORD);
  });

  it("refuses a wrong key, another shop or name, and a changed byte", () => {
    const stored = encryptSecret(PASSWORD, SHOP, "smtp-password", KEY);
    expect(() => decryptSecret(stored, SHOP, "smtp-password", OTHER_KEY)).toThrow(SecretUnreadableError);
    expect(() => decryptSecret(stored, "other.myshopify.com", "smtp-password", KEY)).toThrow(SecretUnreadableError);
    expect(() => decryptSecret(stored, SHOP, "openai-key", KEY)).toThrow(SecretUnreadableError);
    const parts = stored.split(":");
    const body = parts[3]!;
    const changed = [...parts.slice(0, 3), `${body[0] === "A" ? "B" : "A"}${body.slice(1)}`].join(":");
    expect(() => decryptSecret(changed, SHOP, "smtp-password", KEY)).toThrow(SecretUnreadableError);
  });

  it("says clearly that the key is missing", () => {
    expect(() => encryptSecret(PASSWORD, SHOP, "smtp-password", undefined)).toThrow(EncryptionKeyMissingError);
    expect(() => encryptSecret(PASSWORD, SHOP, "smtp-password", undefined)).toThrow(/APP_ENCRYPTION_KEY is not set.*openssl rand -hex 32/);
    expect(() => encryptSecret(PASSWORD, SHOP, "smtp-password", "not-hex")).toThrow(/64 hex digits/);
  });
});

const FIELDS: SmtpFormFields = { host: "127.0.0.1", port: "2525", security: "starttls", user: "fern", password: PASSWORD, fromName: "Fern & Moss", fromAddress: "news@fern-and-moss.example", forgetPassword: "" };

/**
 * SMTP settings per shop on both databases: the settings in the shop's JSON (other sections kept),
 * the password encrypted in ShopSecret and only ever reported as stored or not; the transport built
 * from them logs in to a real SMTP server with the decrypted password.
 */
describe.each(DATABASE_KINDS)("SMTP settings on %s", (kind) => {
  let t: TestDatabase;
  let server: LocalSmtpServer;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await deliveryShop(t.db, SHOP);
    await t.db.shop.update({ where: { id: SHOP }, data: { settings: JSON.stringify({ abandonmentDelayMinutes: 90 }) } });
    server = await startLocalSmtpServer({ auth: { user: "fern", password: PASSWORD } });
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it("refuses invalid fields with a message each, and saves nothing", async () => {
    const result = await saveSmtpSettings(t.db, SHOP, { ...FIELDS, host: "smtp example.com", port: "70000", security: "none", fromAddress: "not an address", fromName: "Fern\r\nBcc: x@y.z" }, KEY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["fromAddress", "fromName", "host", "port", "security"]);
    expect((await readSmtpSettings(t.db, SHOP)).settings).toBeNull();
    expect(await t.db.shopSecret.count()).toBe(0);
  });

  it("refuses a password without an encryption key, naming the setting", async () => {
    const result = await saveSmtpSettings(t.db, SHOP, FIELDS, undefined);
    expect(result).toMatchObject({ ok: false, errors: { password: expect.stringMatching(/APP_ENCRYPTION_KEY is not set/) } });
    expect((await readSmtpSettings(t.db, SHOP)).settings).toBeNull();
  });

  it("saves settings and the encrypted password; an empty password keeps it; forget deletes it", async () => {
    const saved = await saveSmtpSettings(t.db, SHOP, { ...FIELDS, port: String(server.port) }, KEY);
    expect(saved).toMatchObject({ ok: true, passwordStored: true });
    const row = await t.db.shop.findUniqueOrThrow({ where: { id: SHOP } });
    const settings = JSON.parse(row.settings) as Record<string, unknown>;
    expect(settings.abandonmentDelayMinutes).toBe(90);
    expect(settings.smtp).toEqual({ host: "127.0.0.1", port: server.port, secure: false, user: "fern", fromName: "Fern & Moss", fromAddress: "news@fern-and-moss.example" });
    expect(row.settings).not.toContain("pässwörd");
    const secret = await t.db.shopSecret.findUniqueOrThrow({ where: { shopId_name: { shopId: SHOP, name: "smtp-password" } } });
    expect(secret.ciphertext).not.toContain("pässwörd");
    expect(await readShopSecret(t.db, SHOP, "smtp-password", KEY)).toBe(PASSWORD);
    const view = await readSmtpSettings(t.db, SHOP);
    expect(view.passwordStored).toBe(true);
    expect(JSON.stringify(view)).not.toContain("pässwörd");

    // The transport logs in with the decrypted password and delivers.
    const transport = await smtpTransportForShop(t.db, SHOP, KEY);
    await transport!.send({ to: { name: null, address: "ada@example.org" }, subject: "Hello", text: "Hi", html: "<p>Hi</p>", headers: {}, messageId: "<settings-test@app.example>" });
    transport!.close();
    expect(server.hasMessageId("<settings-test@app.example>")).toBe(true);
    expect(server.received.at(-1)?.from).toBe('"Fern & Moss" <news@fern-and-moss.example>');

    // Saved again with the password field empty: kept.
    expect(await saveSmtpSettings(t.db, SHOP, { ...FIELDS, port: String(server.port), password: "", fromName: "Fern" }, KEY)).toMatchObject({ ok: true, passwordStored: true });
    expect(await readShopSecret(t.db, SHOP, "smtp-password", KEY)).toBe(PASSWORD);

    // Forgotten: the secret row is deleted.
    expect(await saveSmtpSettings(t.db, SHOP, { ...FIELDS, port: String(server.port), password: "", forgetPassword: "on" }, KEY)).toMatchObject({ ok: true, passwordStored: false });
    expect(await t.db.shopSecret.count({ where: { shopId: SHOP } })).toBe(0);
  });

  it("reports a wrong password as a transport failure to retry, and a changed key as unreadable", async () => {
    await storeShopSecret(t.db, SHOP, "smtp-password", "wrong password", KEY);
    const transport = await smtpTransportForShop(t.db, SHOP, KEY);
    const error = await transport!.send({ to: { name: null, address: "ada@example.org" }, subject: "Hello", text: "Hi", html: "<p>Hi</p>", headers: {}, messageId: "<wrong-password@app.example>" }).catch((e: unknown) => e);
    transport!.close();
    expect(error).toMatchObject({ kind: "temporary", scope: "transport", responseCode: 535 });
    expect(server.hasMessageId("<wrong-password@app.example>")).toBe(false);
    await expect(smtpTransportForShop(t.db, SHOP, DEMO_ENCRYPTION_KEY)).rejects.toThrow(SecretUnreadableError);
    await expect(smtpTransportForShop(t.db, SHOP, undefined)).rejects.toThrow(EncryptionKeyMissingError);
    expect(await smtpTransportForShop(t.db, "unconfigured.myshopify.com", KEY)).toBeNull();
  });
});
