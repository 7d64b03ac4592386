/**
 * Reassembles a bulk operation's JSONL file, one line at a time, into whole objects: a root object
 * (no `__parentId`) with the lines that name it, or one of its descendants, as parent.
 *
 * The operation runs with `groupObjects: true`, so an object's children directly follow it: when
 * the next root line arrives the previous object is complete. Memory is one object at a time.
 * A child whose parent is not the object being assembled (an ungrouped file, or its parent's line
 * was unreadable) is reported as a line error rather than attached to the wrong object.
 */

export type BulkObject = {
  id: string;
  /** The root line, without `__parentId`. */
  node: Record<string, unknown>;
  /** Descendant lines in file order, each with its `__parentId`. */
  children: Array<Record<string, unknown> & { __parentId: string }>;
  /** 1-based line numbers of the root line and of the object's last line. */
  firstLine: number;
  lastLine: number;
};

export type LineError = { line: number; text: string; error: string };

export type AssemblerOutput = { kind: "object"; object: BulkObject } | { kind: "lineError"; error: LineError };

export type PushResult = {
  outputs: AssemblerOutput[];
  /** This line started a new root object: every line before it belongs to objects already output. */
  startsObject: boolean;
};

/** Lines longer than this are reported instead of parsed (one Shopify object is far smaller). */
export const MAX_LINE_CHARS = 8_000_000;

export class JsonlAssembler {
  #current: BulkObject | null = null;
  #memberIds = new Set<string>();

  push(line: number, text: string): PushResult {
    const trimmed = text.trim();
    if (trimmed === "") return { outputs: [], startsObject: false };
    const parsed = parseLine(trimmed);
    if (!parsed.ok) return { outputs: [lineError(line, text, parsed.error)], startsObject: false };
    const { value } = parsed;
    const parentId = value.__parentId;
    if (parentId === undefined) {
      const outputs = this.#flush();
      const id = typeof value.id === "string" ? value.id : null;
      if (!id) return { outputs: [...outputs, lineError(line, text, "root line has no string `id`")], startsObject: true };
      this.#current = { id, node: value, children: [], firstLine: line, lastLine: line };
      this.#memberIds = new Set([id]);
      return { outputs, startsObject: true };
    }
    if (typeof parentId !== "string") return { outputs: [lineError(line, text, "`__parentId` is not a string")], startsObject: false };
    const current = this.#current;
    if (!current || !this.#memberIds.has(parentId)) {
      const error = `parent ${parentId} is not the object being assembled (the file must be grouped: groupObjects: true)`;
      return { outputs: [lineError(line, text, error)], startsObject: false };
    }
    current.children.push({ ...value, __parentId: parentId });
    current.lastLine = line;
    if (typeof value.id === "string") this.#memberIds.add(value.id);
    return { outputs: [], startsObject: false };
  }

  /** The end of the file: the last object is complete. */
  end(): AssemblerOutput[] {
    return this.#flush();
  }

  #flush(): AssemblerOutput[] {
    const current = this.#current;
    this.#current = null;
    this.#memberIds = new Set();
    return current ? [{ kind: "object", object: current }] : [];
  }
}

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

function parseLine(text: string): Parsed {
  if (text.length > MAX_LINE_CHARS) return { ok: false, error: `line is longer than ${MAX_LINE_CHARS} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON (truncated line?): ${(error as Error).message}` };
  }
  if (!isRecord(value)) return { ok: false, error: "line is not a JSON object" };
  return { ok: true, value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lineError(line: number, text: string, error: string): AssemblerOutput {
  return { kind: "lineError", error: { line, text, error } };
}
