import fs from "node:fs";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";

/**
 * A real SMTP server on this machine (the `smtp-server` package) that keeps what it receives,
 * parsed with `mailparser`: the demo's mail provider and the tests' recipient. The app talks to it
 * exactly as to any provider (nodemailer over TCP), so what it holds is what a mailbox would get:
 * headers as transmitted, the subject and the bodies decoded from their MIME encodings.
 *
 * Loopback, no TLS (STARTTLS is not offered) and any or no credentials unless `auth` names the
 * one login it takes: it is a sink for local use and refuses to bind anywhere else. `recipientReply` lets a test answer RCPT TO with any SMTP
 * reply (450 greylisting, 550 no such mailbox) to exercise the sender's failure paths.
 */
export type ReceivedEmail = {
  /** Order of arrival, from 1. */
  seq: number;
  receivedAt: string;
  /** The SMTP envelope (MAIL FROM / RCPT TO), which is what the server delivers by. */
  mailFrom: string | null;
  rcptTo: string[];
  messageId: string | null;
  subject: string;
  from: string;
  to: string;
  /** Every header as it arrived (unfolded), in order. */
  headers: Array<{ name: string; value: string }>;
  text: string;
  html: string | null;
  /** The whole message as transmitted (RFC 5322). */
  raw: string;
};

export type SmtpReply = { code: number; message: string };

export type LocalSmtpServerOptions = {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Also write each message as `<seq>.json` here (the demo's outbox on disk). */
  directory?: string;
  /** Require this login (AUTH PLAIN/LOGIN); without it, any or no login is accepted. */
  auth?: { user: string; password: string };
  /** Answer RCPT TO for an address with this reply instead of accepting it (null: accept). */
  recipientReply?: (address: string, attempt: number) => SmtpReply | null;
};

export type LocalSmtpServer = {
  host: string;
  port: number;
  received: ReceivedEmail[];
  /** Whether a message with this Message-ID header arrived (the sender's "local record"). */
  hasMessageId: (messageId: string) => boolean;
  /** Waits until at least `count` messages arrived. */
  waitForCount: (count: number) => Promise<void>;
  close: () => Promise<void>;
};

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const MAX_SIZE = 10 * 1024 * 1024;

export async function startLocalSmtpServer(options: LocalSmtpServerOptions = {}): Promise<LocalSmtpServer> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`the local SMTP server binds to loopback only, not ${host}`);
  if (options.directory) fs.mkdirSync(options.directory, { recursive: true });
  const received: ReceivedEmail[] = [];
  const attempts = new Map<string, number>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let seq = 0;

  const store = (email: ReceivedEmail) => {
    received.push(email);
    if (options.directory) fs.writeFileSync(path.join(options.directory, `${String(email.seq).padStart(6, "0")}.json`), JSON.stringify(email, null, 2));
    for (const waiter of waiters.splice(0)) {
      if (received.length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
  };

  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    size: MAX_SIZE,
    banner: "local SMTP sink for the demo",
    onAuth(auth, _session, callback) {
      if (options.auth && (auth.username !== options.auth.user || auth.password !== options.auth.password)) {
        return callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
      }
      callback(null, { user: auth.username ?? "local" });
    },
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const reply = options.recipientReply?.(address.address, attempt) ?? null;
      if (reply) return callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("message too large"), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        const number = ++seq;
        const envelope = { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, rcptTo: session.envelope.rcptTo.map((r) => r.address) };
        // Stored before the 250 reply, so once a client's send resolves the message is here (a
        // message that does not parse is still accepted and kept raw).
        parseReceived(raw, number, envelope)
          .catch((error: unknown): ReceivedEmail => ({ seq: number, receivedAt: new Date().toISOString(), ...envelope, messageId: null, subject: "", from: "", to: "", headers: [], text: `unparseable: ${String(error)}`, html: null, raw: raw.toString("utf8") }))
          .then((email) => {
            store(email);
            callback(null);
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("the local SMTP server has no port");

  return {
    host,
    port: address.port,
    received,
    hasMessageId: (messageId) => received.some((email) => email.messageId === messageId),
    waitForCount: (count) =>
      received.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function parseReceived(raw: Buffer, seq: number, envelope: { mailFrom: string | null; rcptTo: string[] }): Promise<ReceivedEmail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true });
  return {
    seq,
    receivedAt: new Date().toISOString(),
    ...envelope,
    messageId: parsed.messageId ?? null,
    subject: parsed.subject ?? "",
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    headers: parsed.headerLines.map(({ line }) => {
      const colon = line.indexOf(":");
      return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).replace(/\r?\n[ \t]+/g, " ").trim() };
    }),
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    raw: raw.toString("utf8"),
  };
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(", ");
}

/** The messages a local server stored in `directory`, oldest first. */
export function readLocalOutbox(directory: string): ReceivedEmail[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => /^\d+\.json$/.test(name))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(directory, name), "utf8")) as ReceivedEmail);
}
