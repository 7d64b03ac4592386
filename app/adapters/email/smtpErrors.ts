/**
 * What an SMTP failure means for the message, decided once here so the sender never reads reply
 * codes itself:
 *
 * - `temporary`: a 4xx reply (greylisting, mailbox busy, rate limits), or no reply at all (the
 *   connection was refused, dropped or timed out, DNS, TLS). Try again later, with backoff.
 * - `permanent`: a 5xx reply. Retrying the same message gets the same answer. 550, 551 and 553
 *   (and the enhanced codes 5.1.x: bad mailbox, bad domain) are hard bounces: the address does not
 *   take mail, so nothing may be sent to it again.
 * - `scope`: "transport" when the failure is about our connection to the server (it is down, the
 *   credentials are wrong, TLS fails) and every other message would fail the same way, so a run
 *   stops instead of burning one attempt per message; "message" when it is about this message or
 *   recipient.
 *
 * An authentication failure (535, EAUTH) is a configuration problem, not the message's: it is
 * temporary for the message (it goes once the merchant fixes the password) and stops the run.
 * 503 (bad sequence) is a session problem, not a verdict on the message: temporary, like nodemailer's
 * own isPermanentResponseCode.
 *
 * One honest gap: when the connection drops after the message's last byte and before the server's
 * final reply, the server may have accepted it, and SMTP cannot tell. Nodemailer reports that as a
 * connection error like any other, so it is classed temporary and retried with the same Message-ID
 * (receivers and the admin can recognise the duplicate). The sender's own crash window is handled
 * separately and conservatively (see sendMessages.server.ts).
 */
export type SmtpFailureKind = "temporary" | "permanent";

export type SmtpFailure = {
  kind: SmtpFailureKind;
  hardBounce: boolean;
  scope: "message" | "transport";
  /** The SMTP reply code, when the server answered. */
  responseCode: number | null;
  /** Nodemailer's error code (ECONNECTION, EENVELOPE, EAUTH, ...) or the system's (ECONNREFUSED). */
  code: string | null;
  /** The SMTP command in flight (RCPT TO, DATA, CONN, ...). */
  command: string | null;
  /** The server's reply as it said it, or the error's message. */
  response: string;
};

export class SmtpSendError extends Error implements SmtpFailure {
  readonly kind: SmtpFailureKind;
  readonly hardBounce: boolean;
  readonly scope: "message" | "transport";
  readonly responseCode: number | null;
  readonly code: string | null;
  readonly command: string | null;
  readonly response: string;

  constructor(failure: SmtpFailure, options?: { cause?: unknown }) {
    super(`SMTP ${failure.kind}${failure.hardBounce ? " (hard bounce)" : ""}: ${failure.response}`, options);
    this.name = "SmtpSendError";
    this.kind = failure.kind;
    this.hardBounce = failure.hardBounce;
    this.scope = failure.scope;
    this.responseCode = failure.responseCode;
    this.code = failure.code;
    this.command = failure.command;
    this.response = failure.response;
  }

  toJSON(): SmtpFailure {
    return { kind: this.kind, hardBounce: this.hardBounce, scope: this.scope, responseCode: this.responseCode, code: this.code, command: this.command, response: this.response };
  }
}

const HARD_BOUNCE_CODES = new Set([550, 551, 553]);
const CONNECTION_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROXY", "ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
/** Our configuration is wrong (credentials, TLS requirements, options): fixable by the merchant, not by retrying alone. */
const AUTH_CODES = new Set(["EAUTH", "ENOAUTH", "EOAUTH2", "ECONFIG", "EREQUIRETLS"]);

type ErrorLike = { message?: unknown; code?: unknown; originalCode?: unknown; responseCode?: unknown; response?: unknown; command?: unknown };

/** Pure: classifies whatever nodemailer (or the socket under it) threw. */
export function classifySmtpError(error: unknown): SmtpSendError {
  if (error instanceof SmtpSendError) return error;
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorLike;
  const responseCode = typeof e.responseCode === "number" && Number.isInteger(e.responseCode) ? e.responseCode : null;
  const code = typeof e.code === "string" ? e.code : null;
  const originalCode = typeof e.originalCode === "string" ? e.originalCode : null;
  const command = typeof e.command === "string" ? e.command : null;
  const response = typeof e.response === "string" && e.response.trim() ? e.response.trim() : typeof e.message === "string" ? e.message : "unknown SMTP error";
  const base = { responseCode, code: originalCode ?? code, command, response };
  const auth = (code !== null && AUTH_CODES.has(code)) || responseCode === 535 || responseCode === 534 || responseCode === 530;
  if (auth) return new SmtpSendError({ ...base, kind: "temporary", hardBounce: false, scope: "transport" }, { cause: error });
  if (responseCode !== null && responseCode >= 500 && responseCode < 600 && responseCode !== 503) {
    const enhanced = /^\d{3}[ -]5\.1\.\d+/.exec(response) !== null;
    const hardBounce = HARD_BOUNCE_CODES.has(responseCode) || enhanced;
    // A 5xx to MAIL FROM refuses our sender, not this shopper: every message would fail alike.
    const scope = command === "MAIL FROM" ? "transport" : "message";
    return new SmtpSendError({ ...base, kind: "permanent", hardBounce: hardBounce && scope === "message", scope }, { cause: error });
  }
  if (responseCode !== null && responseCode >= 400 && responseCode < 600) {
    // 421: the server is closing the session (overloaded, shutting down): the transport's problem.
    const scope = responseCode === 421 || command === "MAIL FROM" ? "transport" : "message";
    return new SmtpSendError({ ...base, kind: "temporary", hardBounce: false, scope }, { cause: error });
  }
  const connection = (code !== null && CONNECTION_CODES.has(code)) || (originalCode !== null && CONNECTION_CODES.has(originalCode));
  if (connection) return new SmtpSendError({ ...base, kind: "temporary", hardBounce: false, scope: "transport" }, { cause: error });
  // Anything else nodemailer reports without a reply (a malformed message, EENVELOPE without a
  // code, a stream error) would fail the same way again: permanent for this message.
  return new SmtpSendError({ ...base, kind: "permanent", hardBounce: false, scope: "message" }, { cause: error });
}
