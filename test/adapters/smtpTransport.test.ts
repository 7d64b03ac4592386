import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifySmtpError, createSmtpTransport, SmtpSendError, type EmailEnvelope } from "~/adapters/email/smtpTransport.server";
import { startLocalSmtpServer, type LocalSmtpServer } from "~/demo/localSmtpServer";

const FROM = { name: "Fern & Moss 🌿", address: "news@fern-and-moss.example" };

function envelope(overrides: Partial<EmailEnvelope> = {}): EmailEnvelope {
  return {
    to: { name: "Zoë 🌸 שרה", address: "zoe@example.org" },
    subject: "🌿 Your cleanser is due — عرض خاص لك",
    text: "Hello Zoë 🌸,\nשלום! مرحبا بك.\nVisit https://shop.example/products/cleanser",
    html: '<p dir="auto">Hello Zoë 🌸, שלום! مرحبا بك.</p><p><a href="https://shop.example/products/cleanser">Shop</a></p>',
    headers: { "List-Unsubscribe": "<https://app.example/unsubscribe?t=abc.def>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    messageId: "<0123456789abcdef@app.example>",
    ...overrides,
  };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The SMTP transport against a real SMTP server on loopback (smtp-server), the received message
 * parsed by mailparser: what a mailbox gets, byte for byte decoded. Failure paths use the server's
 * own replies (450, 550, 552) and a port nothing listens on.
 */
describe("SMTP transport over real SMTP", () => {
  let server: LocalSmtpServer;
  const replies = new Map<string, { code: number; message: string }>();
  beforeAll(async () => {
    server = await startLocalSmtpServer({ recipientReply: (address) => replies.get(address) ?? null });
  });
  afterAll(() => server?.close());

  it("delivers headers, subject and both bodies with emoji and right-to-left text intact", async () => {
    const transport = createSmtpTransport({ host: server.host, port: server.port, secure: false, user: null, password: null, from: FROM });
    const result = await transport.send(envelope());
    transport.close();
    expect(result.messageId).toBe("<0123456789abcdef@app.example>");
    expect(result.response).toMatch(/^250/);
    expect(result.accepted).toEqual(["zoe@example.org"]);

    const received = server.received.at(-1)!;
    expect(received.messageId).toBe("<0123456789abcdef@app.example>");
    expect(received.mailFrom).toBe("news@fern-and-moss.example");
    expect(received.rcptTo).toEqual(["zoe@example.org"]);
    expect(received.subject).toBe("🌿 Your cleanser is due — عرض خاص لك");
    expect(received.from).toBe('"Fern & Moss 🌿" <news@fern-and-moss.example>');
    expect(received.to).toContain("Zoë 🌸 שרה");
    expect(received.to).toContain("<zoe@example.org>");
    expect(received.text.trim()).toBe("Hello Zoë 🌸,\nשלום! مرحبا بك.\nVisit https://shop.example/products/cleanser");
    expect(received.html).toContain("Hello Zoë 🌸, שלום! مرحبا بك.");
    const header = (name: string) => received.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    expect(header("List-Unsubscribe")).toBe("<https://app.example/unsubscribe?t=abc.def>");
    expect(header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(header("Message-ID")).toBe("<0123456789abcdef@app.example>");
  });

  it("classifies a 450 at RCPT as temporary for the message", async () => {
    replies.set("busy@example.org", { code: 450, message: "4.2.1 Mailbox busy, try later" });
    const transport = createSmtpTransport({ host: server.host, port: server.port, secure: false, user: null, password: null, from: FROM });
    const error = await transport.send(envelope({ to: { name: null, address: "busy@example.org" } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpSendError);
    expect(error).toMatchObject({ kind: "temporary", hardBounce: false, scope: "message", responseCode: 450 });
    expect((error as SmtpSendError).response).toContain("Mailbox busy");
  });

  it("classifies 550 as a permanent hard bounce and 552 as permanent without one", async () => {
    replies.set("gone@example.org", { code: 550, message: "5.1.1 No such user" });
    replies.set("full@example.org", { code: 552, message: "5.2.2 Mailbox full" });
    const transport = createSmtpTransport({ host: server.host, port: server.port, secure: false, user: null, password: null, from: FROM });
    const gone = await transport.send(envelope({ to: { name: null, address: "gone@example.org" } })).catch((e: unknown) => e);
    const full = await transport.send(envelope({ to: { name: null, address: "full@example.org" } })).catch((e: unknown) => e);
    expect(gone).toMatchObject({ kind: "permanent", hardBounce: true, scope: "message", responseCode: 550 });
    expect(full).toMatchObject({ kind: "permanent", hardBounce: false, scope: "message", responseCode: 552 });
  });

  it("classifies a refused connection as temporary and about the transport", async () => {
    const transport = createSmtpTransport({ host: "127.0.0.1", port: await closedPort(), secure: false, user: null, password: null, from: FROM });
    const before = server.received.length;
    const error = await transport.send(envelope()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "temporary", hardBounce: false, scope: "transport", responseCode: null });
    expect((error as SmtpSendError).code).toBe("ECONNREFUSED");
    expect(server.received.length).toBe(before);
  });
});

describe("classifySmtpError", () => {
  const cases: Array<[string, object, { kind: string; hardBounce: boolean; scope: string }]> = [
    ["451 at RCPT", { code: "EENVELOPE", responseCode: 451, response: "451 4.7.1 Greylisted", command: "RCPT TO" }, { kind: "temporary", hardBounce: false, scope: "message" }],
    ["421 closing", { code: "EENVELOPE", responseCode: 421, response: "421 Too many connections", command: "MAIL FROM" }, { kind: "temporary", hardBounce: false, scope: "transport" }],
    ["551 user not local", { code: "EENVELOPE", responseCode: 551, response: "551 User not local", command: "RCPT TO" }, { kind: "permanent", hardBounce: true, scope: "message" }],
    ["553 bad mailbox name", { code: "EENVELOPE", responseCode: 553, response: "553 5.1.3 Bad recipient address syntax", command: "RCPT TO" }, { kind: "permanent", hardBounce: true, scope: "message" }],
    ["554 5.1.1 (enhanced code)", { code: "EMESSAGE", responseCode: 554, response: "554 5.1.1 Recipient address rejected", command: "DATA" }, { kind: "permanent", hardBounce: true, scope: "message" }],
    ["554 policy rejection", { code: "EMESSAGE", responseCode: 554, response: "554 5.7.1 Message rejected as spam", command: "DATA" }, { kind: "permanent", hardBounce: false, scope: "message" }],
    ["550 to MAIL FROM refuses our sender", { code: "EENVELOPE", responseCode: 550, response: "550 5.7.1 Sender not allowed", command: "MAIL FROM" }, { kind: "permanent", hardBounce: false, scope: "transport" }],
    ["503 bad sequence", { code: "EPROTOCOL", responseCode: 503, response: "503 Bad sequence of commands", command: "DATA" }, { kind: "temporary", hardBounce: false, scope: "message" }],
    ["535 authentication failed", { code: "EAUTH", responseCode: 535, response: "535 5.7.8 Authentication failed", command: "AUTH PLAIN" }, { kind: "temporary", hardBounce: false, scope: "transport" }],
    ["timeout", { code: "ETIMEDOUT", message: "Greeting never received", command: "CONN" }, { kind: "temporary", hardBounce: false, scope: "transport" }],
    ["dropped connection", { code: "ECONNECTION", message: "Connection closed unexpectedly", command: "CONN" }, { kind: "temporary", hardBounce: false, scope: "transport" }],
  ];
  it.each(cases)("%s", (_label, error, expected) => {
    expect(classifySmtpError(error)).toMatchObject(expected);
  });
});
