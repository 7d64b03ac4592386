/**
 * Streams a bulk operation's JSONL result file over HTTP, line by line, never holding more than
 * the line being read (plus one network chunk). Each line comes with its byte range so an import
 * can persist "everything before byte N is applied" and resume with `Range: bytes=N-`.
 *
 * Shopify serves the file from signed storage URLs that answer Range requests (206). A server
 * that ignores Range (200) is handled too: the bytes before the offset are read and skipped.
 */

export type JsonlLine = {
  /** 1-based line number in the whole file. */
  number: number;
  text: string;
  /** Byte offsets of the line in the file: [startByte, endByte), endByte past its newline. */
  startByte: number;
  endByte: number;
};

/** The file is gone for good (expired signed URL, 404): resuming cannot help. */
export class ResultFileGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ResultFileGoneError";
  }
}

export type ReadOptions = {
  /** Resume point: the byte offset and the number of lines before it. */
  fromByte?: number;
  linesBefore?: number;
  /** With no byte offset (fromByte 0), skip this many lines from the start instead. */
  skipLines?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
};

const NEWLINE = 0x0a;

export async function* readJsonlLines(url: string, options: ReadOptions = {}): AsyncGenerator<JsonlLine> {
  const fromByte = options.fromByte ?? 0;
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(url, {
    headers: fromByte > 0 ? { Range: `bytes=${fromByte}-` } : {},
    signal: options.signal,
  });
  if (response.status === 416) return; // nothing after the offset: the file was fully read
  if (response.status === 403 || response.status === 404 || response.status === 410) {
    throw new ResultFileGoneError(`result file answered ${response.status} (expired or removed)`);
  }
  if (response.status !== 200 && response.status !== 206) throw new Error(`result file answered HTTP ${response.status}`);
  if (!response.body) return;

  // Where the body starts in the file: the offset for a 206, zero for a 200 (then skip to it).
  let position = response.status === 206 ? startOfRange(response.headers.get("Content-Range"), fromByte) : 0;
  if (position > fromByte) throw new Error(`result file answered from byte ${position}, after the requested ${fromByte}`);
  let skipBytes = fromByte - position;
  let lineNumber = fromByte > 0 ? (options.linesBefore ?? 0) : 0;
  let skipLines = fromByte > 0 ? 0 : (options.skipLines ?? 0);
  let pending: Buffer[] = [];
  let pendingStart = fromByte;

  const reader = response.body.getReader();
  let finished = false;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      let buffer = Buffer.from(read.value.buffer, read.value.byteOffset, read.value.byteLength);
      if (skipBytes > 0) {
        const skipped = Math.min(skipBytes, buffer.length);
        buffer = buffer.subarray(skipped);
        skipBytes -= skipped;
        position += skipped;
        if (buffer.length === 0) continue;
      }
      // `position` is the file offset of buffer[from]; `pending` holds the current line's earlier bytes.
      let from = 0;
      for (let at = buffer.indexOf(NEWLINE); at >= 0; at = buffer.indexOf(NEWLINE, from)) {
        pending.push(buffer.subarray(from, at));
        const lineBytes = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
        const endByte = position + (at + 1 - from);
        const line: JsonlLine = { number: ++lineNumber, text: decode(lineBytes), startByte: pendingStart, endByte };
        position = endByte;
        pendingStart = endByte;
        pending = [];
        from = at + 1;
        if (skipLines > 0) {
          skipLines -= 1;
          continue;
        }
        yield line;
      }
      if (from < buffer.length) {
        pending.push(buffer.subarray(from));
        position += buffer.length - from;
      }
    }
    finished = true;
  } finally {
    // The consumer stopped early (or failed): release the connection.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
  // A last line without a newline (or the fragment of a truncated file).
  const rest = Buffer.concat(pending);
  if (rest.length > 0 && skipLines === 0) yield { number: lineNumber + 1, text: decode(rest), startByte: pendingStart, endByte: position };
}

function decode(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** `Content-Range: bytes 1000-4999/5000` -> 1000. */
function startOfRange(header: string | null, fallback: number): number {
  const match = header ? /bytes\s+(\d+)-/i.exec(header) : null;
  return match?.[1] ? Number(match[1]) : fallback;
}
