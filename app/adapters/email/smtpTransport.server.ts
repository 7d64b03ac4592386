import nodemailer from "nodemailer";
import { classifySmtpError, SmtpSendError } from "./smtpErrors";

export { classifySmtpError, SmtpSendError, type SmtpFailure, type SmtpFailureKind } from "./smtpErrors";

/**
 * The email channel's transport: one message to one recipient over SMTP (nodemailer). It either
 * answers what the server accepted (the Message-ID it was sent under and the server's final reply)
 * or throws SmtpSendError, classified (smtpErrors.ts). Nothing else is thrown for a failure the
 * server or the network caused, so the sender can treat any other exception as a bug or a crash.
 */
export type EmailAddress = { name: string | null; address: string };

export type EmailEnvelope = {
  /** Defaults to the transport's sender. */
  from?: EmailAddress;
  to: EmailAddress;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, ...); Message-ID goes in messageId. */
  headers: Record<string, string>;
  /** The Message-ID header, with its angle brackets: the sender's idempotency key. */
  messageId: string;
};

export type SendResult = { messageId: string; response: string; accepted: string[] };

export interface EmailTransport {
  /** Who messages come from when the envelope does not say. */
  readonly from: EmailAddress;
  send(envelope: EmailEnvelope): Promise<SendResult>;
  close(): void;
}

export type SmtpConfig = {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: EmailAddress;
  /** Refuse to send without STARTTLS on a non-secure port (default: only when credentials are sent). */
  requireTls?: boolean;
  /** Milliseconds; each well below the sender's claim lease, so a hung server cannot outlive a claim. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
  /** The name announced in EHLO (default: the host part of the sender's address). */
  clientName?: string;
};

/** Whether the host is this machine: plain SMTP without TLS is then acceptable (the demo's server). */
function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost";
}

export function createSmtpTransport(config: SmtpConfig): EmailTransport {
  const auth = config.user ? { user: config.user, pass: config.password ?? "" } : undefined;
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    // Credentials never cross the network in the clear: STARTTLS is required when we log in,
    // except on loopback.
    requireTLS: config.requireTls ?? (auth !== undefined && !config.secure && !isLoopback(config.host)),
    ...(auth ? { auth } : {}),
    name: config.clientName ?? config.from.address.split("@")[1] ?? "localhost",
    connectionTimeout: config.timeouts?.connection ?? 30_000,
    greetingTimeout: config.timeouts?.greeting ?? 30_000,
    socketTimeout: config.timeouts?.socket ?? 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    from: config.from,
    async send(envelope) {
      const from = envelope.from ?? config.from;
      try {
        const info = await transporter.sendMail({
          from: { name: from.name ?? "", address: from.address },
          to: { name: envelope.to.name ?? "", address: envelope.to.address },
          subject: envelope.subject,
          text: envelope.text,
          html: envelope.html,
          headers: envelope.headers,
          messageId: envelope.messageId,
          // The bounce address is ours, the recipient exactly the one address.
          envelope: { from: from.address, to: [envelope.to.address] },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        const accepted = (info.accepted ?? []).map((address: string | { address: string }) => (typeof address === "string" ? address : address.address));
        if (accepted.length === 0) {
          // nodemailer reports a rejected-only envelope as an error; this is belt and braces.
          throw new SmtpSendError({ kind: "permanent", hardBounce: false, scope: "message", responseCode: null, code: "EENVELOPE", command: "RCPT TO", response: "the server accepted no recipient" });
        }
        return { messageId: info.messageId || envelope.messageId, response: typeof info.response === "string" ? info.response : "", accepted };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}
