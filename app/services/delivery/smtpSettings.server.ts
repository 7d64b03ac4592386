import { z } from "zod";
import type { Db } from "~/db.server";
import { createSmtpTransport, type EmailTransport } from "~/adapters/email/smtpTransport.server";
import { deleteShopSecret, EncryptionKeyMissingError, hasShopSecret, readShopSecret, storeShopSecret } from "~/services/secrets.server";

/**
 * A shop's SMTP server: host, port, TLS mode, login and the sender's name and address, stored in the
 * shop's settings JSON under `smtp`; the password is the one part kept apart, encrypted in
 * ShopSecret ("smtp-password", see secrets.server.ts), and never read back to the page: the form
 * shows whether one is stored, an empty password field keeps it, and "forget" deletes it.
 */
export const SMTP_PASSWORD_SECRET = "smtp-password";

// eslint-disable-next-line no-control-regex -- the point is to refuse control characters (header injection)
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/u;

export const SmtpSettings = z.object({
  host: z
    .string()
    .trim()
    .min(1, "Enter the SMTP server's host name.")
    .max(253)
    .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/, "A host name such as smtp.example.com, or an IP address."),
  port: z.number().int("The port is a whole number.").min(1, "A port from 1 to 65535.").max(65535, "A port from 1 to 65535."),
  /** true: TLS from the first byte (usually port 465); false: STARTTLS (usually 587). */
  secure: z.boolean(),
  user: z.string().max(320).regex(NO_CONTROL, "No line breaks or control characters.").nullable(),
  fromName: z.string().max(120).regex(NO_CONTROL, "No line breaks or control characters.").nullable(),
  fromAddress: z.email("The sender must be an email address such as news@your-shop.com.").max(320),
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;

export type SmtpFormFields = {
  host: string;
  port: string;
  security: string;
  user: string;
  password: string;
  fromName: string;
  fromAddress: string;
  forgetPassword: string;
};

export type SmtpSettingsView = {
  settings: SmtpSettings | null;
  passwordStored: boolean;
  passwordUpdatedAt: string | null;
};

export async function readSmtpSettings(store: Db, shopId: string): Promise<SmtpSettingsView> {
  const row = await store.shop.findUnique({ where: { id: shopId }, select: { settings: true } });
  const secret = await hasShopSecret(store, shopId, SMTP_PASSWORD_SECRET);
  return { settings: row ? smtpFromSettingsJson(row.settings) : null, passwordStored: secret.stored, passwordUpdatedAt: secret.updatedAt?.toISOString() ?? null };
}

/** The `smtp` section of a shop's settings JSON, or null when absent. A malformed one is an error. */
export function smtpFromSettingsJson(json: string): SmtpSettings | null {
  const raw = (JSON.parse(json) as Record<string, unknown>).smtp;
  if (raw === undefined || raw === null) return null;
  const parsed = SmtpSettings.safeParse(raw);
  if (!parsed.success) throw new Error(`the stored SMTP settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function formFromSettings(view: SmtpSettingsView): SmtpFormFields {
  const s = view.settings;
  return {
    host: s?.host ?? "",
    port: s ? String(s.port) : "587",
    security: s?.secure ? "tls" : "starttls",
    user: s?.user ?? "",
    password: "",
    fromName: s?.fromName ?? "",
    fromAddress: s?.fromAddress ?? "",
    forgetPassword: "",
  };
}

export function smtpFormFields(form: FormData): SmtpFormFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    host: text("host"),
    port: text("port"),
    security: text("security"),
    user: text("user"),
    password: text("password"),
    fromName: text("fromName"),
    fromAddress: text("fromAddress"),
    forgetPassword: text("forgetPassword"),
  };
}

export type ParsedSmtpForm = { ok: true; settings: SmtpSettings } | { ok: false; errors: Record<string, string> };

/** Pure: the form's fields as settings, or each field's error. */
export function parseSmtpForm(fields: SmtpFormFields): ParsedSmtpForm {
  const errors: Record<string, string> = {};
  const port = /^\s*\d+\s*$/.test(fields.port) ? Number(fields.port) : Number.NaN;
  if (Number.isNaN(port)) errors.port = "The port is a whole number, such as 587.";
  if (fields.security !== "tls" && fields.security !== "starttls") errors.security = "Choose TLS or STARTTLS.";
  const candidate = {
    host: fields.host,
    port: Number.isNaN(port) ? 0 : port,
    secure: fields.security === "tls",
    user: fields.user.trim() === "" ? null : fields.user.trim(),
    fromName: fields.fromName.trim() === "" ? null : fields.fromName.trim(),
    fromAddress: fields.fromAddress.trim(),
  };
  const parsed = SmtpSettings.safeParse(candidate);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  if (fields.password.length > 1024) errors.password = "The password is too long.";
  if (/[\r\n]/.test(fields.password)) errors.password = "The password cannot contain line breaks.";
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

export type SaveSmtpResult = { ok: true; settings: SmtpSettings; passwordStored: boolean } | { ok: false; errors: Record<string, string> };

/**
 * Saves the settings; a non-empty password replaces the stored one (encrypted), "forget" deletes
 * it, an empty field keeps it. Without APP_ENCRYPTION_KEY a password is refused with the reason
 * and nothing is saved, so the page never half-saves.
 */
export async function saveSmtpSettings(store: Db, shopId: string, fields: SmtpFormFields, encryptionKey: string | undefined | null): Promise<SaveSmtpResult> {
  const parsed = parseSmtpForm(fields);
  if (!parsed.ok) return parsed;
  if (fields.password !== "" && !encryptionKey) return { ok: false, errors: { password: new EncryptionKeyMissingError().message } };
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await store.shop.findUnique({ where: { id: shopId }, select: { settings: true } });
    if (!row) return { ok: false, errors: { form: "No such shop." } };
    const stored = JSON.stringify({ ...(JSON.parse(row.settings) as Record<string, unknown>), smtp: parsed.settings });
    // Compare-and-set on the whole document, so a concurrent save of another section is not lost.
    const written = await store.shop.updateMany({ where: { id: shopId, settings: row.settings }, data: { settings: stored } });
    if (written.count !== 1) continue;
    if (fields.forgetPassword === "on" || fields.forgetPassword === "true") await deleteShopSecret(store, shopId, SMTP_PASSWORD_SECRET);
    else if (fields.password !== "") await storeShopSecret(store, shopId, SMTP_PASSWORD_SECRET, fields.password, encryptionKey);
    return { ok: true, settings: parsed.settings, passwordStored: (await hasShopSecret(store, shopId, SMTP_PASSWORD_SECRET)).stored };
  }
  throw new Error(`the settings of ${shopId} kept changing while saving SMTP settings`);
}

/**
 * The shop's SMTP transport, or null when the shop has not configured one. Decrypts the password
 * (throws EncryptionKeyMissingError / SecretUnreadableError when it cannot).
 */
export async function smtpTransportForShop(store: Db, shopId: string, encryptionKey: string | undefined | null): Promise<EmailTransport | null> {
  const { settings, passwordStored } = await readSmtpSettings(store, shopId);
  if (!settings) return null;
  const password = passwordStored ? await readShopSecret(store, shopId, SMTP_PASSWORD_SECRET, encryptionKey) : null;
  return createSmtpTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    user: settings.user,
    password,
    from: { name: settings.fromName, address: settings.fromAddress },
  });
}
