import crypto from "node:crypto";
import type { Db } from "~/db.server";

/**
 * Secrets a shop gives the app (the SMTP password, an API key), encrypted at rest with AES-256-GCM
 * under APP_ENCRYPTION_KEY (32 bytes as 64 hex digits) and stored in `ShopSecret`.
 *
 * Stored form: `v1:<iv>:<tag>:<ciphertext>` (base64url, a fresh 12-byte IV per write). The shop and
 * the secret's name are the GCM additional data, so a ciphertext copied onto another shop's row or
 * another name fails to decrypt instead of handing one shop's password to another. A wrong key, a
 * tampered value or a moved row all end in SecretUnreadableError, never in garbage plaintext.
 *
 * Without a key the app refuses to store secrets (EncryptionKeyMissingError, whose message says
 * how to set one) rather than keep them in the clear. The plaintext never leaves this module except
 * to the caller that asked for it: it is not logged and no page sends it back to the browser.
 */
export class EncryptionKeyMissingError extends Error {
  constructor() {
    super("APP_ENCRYPTION_KEY is not set, so the app cannot store or read secrets such as the SMTP password. Set it to 64 hex digits (openssl rand -hex 32) and restart.");
    this.name = "EncryptionKeyMissingError";
  }
}

export class SecretUnreadableError extends Error {
  constructor(shopId: string, name: string) {
    super(`The stored secret "${name}" of ${shopId} cannot be decrypted: APP_ENCRYPTION_KEY changed or the value was altered. Enter it again.`);
    this.name = "SecretUnreadableError";
  }
}

const VERSION = "v1";
const KEY_HEX = /^[0-9a-fA-F]{64}$/;

function keyBytes(key: string | undefined | null): Buffer {
  if (!key) throw new EncryptionKeyMissingError();
  if (!KEY_HEX.test(key)) throw new Error("APP_ENCRYPTION_KEY must be 64 hex digits (32 bytes).");
  return Buffer.from(key, "hex");
}

function additionalData(shopId: string, name: string): Buffer {
  return Buffer.from(`${shopId}\u0000${name}`, "utf8");
}

/** Pure: encrypts one secret for (shop, name). */
export function encryptSecret(plaintext: string, shopId: string, name: string, key: string | undefined | null): string {
  const cipherKey = keyBytes(key);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", cipherKey, iv);
  cipher.setAAD(additionalData(shopId, name));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

/** Pure: decrypts what encryptSecret produced for the same (shop, name) and key. */
export function decryptSecret(stored: string, shopId: string, name: string, key: string | undefined | null): string {
  const cipherKey = keyBytes(key);
  const [version, iv, tag, ciphertext, ...rest] = stored.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) throw new SecretUnreadableError(shopId, name);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", cipherKey, Buffer.from(iv, "base64url"));
    decipher.setAAD(additionalData(shopId, name));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError(shopId, name);
  }
}

/** Stores (or replaces) a shop's secret, encrypted. */
export async function storeShopSecret(store: Db, shopId: string, name: string, plaintext: string, key: string | undefined | null): Promise<void> {
  const ciphertext = encryptSecret(plaintext, shopId, name, key);
  await store.shopSecret.upsert({ where: { shopId_name: { shopId, name } }, create: { shopId, name, ciphertext }, update: { ciphertext } });
}

/** The plaintext of a shop's secret, or null when none is stored. */
export async function readShopSecret(store: Db, shopId: string, name: string, key: string | undefined | null): Promise<string | null> {
  const row = await store.shopSecret.findUnique({ where: { shopId_name: { shopId, name } } });
  return row ? decryptSecret(row.ciphertext, shopId, name, key) : null;
}

/** Whether a secret is stored, without decrypting it (what a settings page may show). */
export async function hasShopSecret(store: Db, shopId: string, name: string): Promise<{ stored: boolean; updatedAt: Date | null }> {
  const row = await store.shopSecret.findUnique({ where: { shopId_name: { shopId, name } }, select: { updatedAt: true } });
  return { stored: row !== null, updatedAt: row?.updatedAt ?? null };
}

export async function deleteShopSecret(store: Db, shopId: string, name: string): Promise<void> {
  await store.shopSecret.deleteMany({ where: { shopId, name } });
}
