import fs from "node:fs";
import type http from "node:http";

/** The fake Shopify's result files: written from lines, served over HTTP with Range support and breakable on purpose. */

export type ResultFileBehaviour = {
  /** Close the connection after sending this many bytes of the body (a transfer cut mid-way). */
  cutAfterBytes?: number;
  /** Answer 200 with the whole file even when asked for a range. */
  ignoreRange?: boolean;
  /** Answer this status instead (403: an expired signed URL). */
  status?: number;
};

/** Serves a result file: the whole of it (200), from a byte offset (206), or nothing left (416). */
export function serveResultFile(file: string, range: string | null, response: http.ServerResponse, behaviour: ResultFileBehaviour): void {
  if (behaviour.status) {
    response.statusCode = behaviour.status;
    return void response.end("<Error><Code>ExpiredToken</Code></Error>");
  }
  if (!fs.existsSync(file)) {
    response.statusCode = 404;
    return void response.end();
  }
  const size = fs.statSync(file).size;
  const start = !behaviour.ignoreRange && range ? Number(/^bytes=(\d+)-$/.exec(range)?.[1] ?? 0) : 0;
  if (start >= size && start > 0) {
    response.writeHead(416, { "Content-Range": `bytes */${size}` });
    return void response.end();
  }
  const headers: http.OutgoingHttpHeaders = { "Content-Type": "application/jsonl", "Content-Length": size - start, "Accept-Ranges": "bytes" };
  if (start > 0) headers["Content-Range"] = `bytes ${start}-${size - 1}/${size}`;
  response.writeHead(start > 0 ? 206 : 200, headers);
  const stream = fs.createReadStream(file, { start });
  if (behaviour.cutAfterBytes === undefined) return void stream.pipe(response);
  let sent = 0;
  const limit = behaviour.cutAfterBytes;
  stream.on("data", (chunk: string | Buffer) => {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const room = limit - sent;
    if (room <= 0) return;
    response.write(buffer.subarray(0, room));
    sent += Math.min(room, buffer.length);
    if (sent >= limit) {
      stream.destroy();
      // Flush what was written, then drop the connection without finishing the body.
      setTimeout(() => response.socket?.destroy(), 50);
    }
  });
}

/** Writes JSONL lines to a file (with backpressure, so a generator of any size streams to disk). */
export async function writeLines(file: string, lines: Iterable<string>): Promise<{ count: number; roots: number; bytes: number }> {
  const out = fs.createWriteStream(file);
  let count = 0;
  let roots = 0;
  let bytes = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const text = chunk.join("");
    chunk = [];
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  for (const line of lines) {
    const text = line.endsWith("\n") ? line : `${line}\n`;
    chunk.push(text);
    count += 1;
    bytes += Buffer.byteLength(text);
    if (!line.includes('"__parentId"')) roots += 1;
    if (chunk.length >= 1000) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { count, roots, bytes };
}
