export type LimitedBody = { ok: true; text: string } | { ok: false; status: 400 | 413; reason: string };

/**
 * Reads a request body as UTF-8 text, but never more than `limit` bytes: a declared
 * Content-Length over the limit is refused before anything is read, and a body that turns out
 * longer (chunked, or lying about its length) is abandoned at the first chunk past the limit.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, status: 413, reason: `body over ${limit} bytes` };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, status: 413, reason: `body over ${limit} bytes` };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, reason: "body is not valid UTF-8" };
  }
}
