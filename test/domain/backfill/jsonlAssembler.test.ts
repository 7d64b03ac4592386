import { describe, expect, it } from "vitest";
import { JsonlAssembler, type AssemblerOutput } from "~/domain/backfill/jsonlAssembler";
import { gid, gqlLineItem, gqlOrder, jsonlLines } from "../../support/fakeShopifyData";

/** Feeds lines and returns what came out, as `object <id> [child ids] lines a-b` or `error <line>: ...`. */
function run(lines: string[]): { outputs: string[]; starts: number[] } {
  const assembler = new JsonlAssembler();
  const outputs: AssemblerOutput[] = [];
  const starts: number[] = [];
  lines.forEach((text, index) => {
    const pushed = assembler.push(index + 1, text);
    if (pushed.startsObject) starts.push(index + 1);
    outputs.push(...pushed.outputs);
  });
  outputs.push(...assembler.end());
  return {
    outputs: outputs.map((output) =>
      output.kind === "object"
        ? `object ${output.object.id} [${output.object.children.map((c) => String(c.id).split("/").pop()).join(",")}] lines ${output.object.firstLine}-${output.object.lastLine}`
        : `error ${output.error.line}: ${output.error.error}`,
    ),
    starts,
  };
}

describe("JsonlAssembler (grouped bulk output)", () => {
  it("attaches each parent's children and completes an object when the next root line arrives", () => {
    const lines = [
      ...jsonlLines(gqlOrder(1), [gqlLineItem(11), gqlLineItem(12)]),
      ...jsonlLines(gqlOrder(2)),
      ...jsonlLines(gqlOrder(3), [gqlLineItem(31)]),
    ];
    expect(run(lines)).toEqual({
      outputs: [`object ${gid("Order", 1)} [11,12] lines 1-3`, `object ${gid("Order", 2)} [] lines 4-4`, `object ${gid("Order", 3)} [31] lines 5-6`],
      starts: [1, 4, 5],
    });
  });

  it("keeps grandchildren (a child's own connection) with their root", () => {
    const lines = [
      JSON.stringify({ id: gid("Product", 1) }),
      JSON.stringify({ id: gid("ProductVariant", 10), __parentId: gid("Product", 1) }),
      JSON.stringify({ id: gid("Metafield", 100), __parentId: gid("ProductVariant", 10) }),
    ];
    expect(run(lines).outputs).toEqual([`object ${gid("Product", 1)} [10,100] lines 1-3`]);
  });

  it("reports a line that is not JSON (a truncated line) and goes on", () => {
    const [root, child] = jsonlLines(gqlOrder(1), [gqlLineItem(11)]);
    const lines = [root as string, (child as string).slice(0, 40), ...jsonlLines(gqlOrder(2))];
    const { outputs } = run(lines);
    expect(outputs[0]).toMatch(/^error 2: not valid JSON \(truncated line\?\)/);
    expect(outputs.slice(1)).toEqual([`object ${gid("Order", 1)} [] lines 1-1`, `object ${gid("Order", 2)} [] lines 3-3`]);
  });

  it("reports children of an object that is not being assembled (an ungrouped file) instead of misplacing them", () => {
    const lines = [...jsonlLines(gqlOrder(1)), ...jsonlLines(gqlOrder(2)), JSON.stringify({ ...gqlLineItem(11), __parentId: gid("Order", 1) })];
    const { outputs } = run(lines);
    expect(outputs).toEqual([
      `object ${gid("Order", 1)} [] lines 1-1`,
      `error 3: parent ${gid("Order", 1)} is not the object being assembled (the file must be grouped: groupObjects: true)`,
      `object ${gid("Order", 2)} [] lines 2-2`,
    ]);
  });

  it("children whose parent line was unreadable are reported, each with its own line", () => {
    const [root, a, b] = jsonlLines(gqlOrder(1), [gqlLineItem(11), gqlLineItem(12)]);
    const { outputs } = run([(root as string).slice(0, 30), a as string, b as string]);
    expect(outputs.map((o) => o.slice(0, 8))).toEqual(["error 1:", "error 2:", "error 3:"]);
  });

  it.each<[string, string, RegExp]>([
    ["a JSON array", "[1,2]", /not a JSON object/],
    ["a root line without an id", '{"name":"#1"}', /root line has no string `id`/],
    ["a non-string __parentId", '{"id":"gid://shopify/LineItem/1","__parentId":5}', /`__parentId` is not a string/],
  ])("reports %s", (_name, line, message) => {
    expect(run([line]).outputs[0]).toMatch(message);
  });

  it("ignores blank lines and a trailing carriage return", () => {
    expect(run(["", `${JSON.stringify({ id: gid("Customer", 1) })}\r`, "   "]).outputs).toEqual([`object ${gid("Customer", 1)} [] lines 2-2`]);
  });

  it("an empty file yields nothing", () => {
    expect(run([])).toEqual({ outputs: [], starts: [] });
  });
});
