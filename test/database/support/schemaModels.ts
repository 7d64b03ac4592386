import fs from "node:fs";

/** Models of a Prisma schema file: each model's field lines and block attributes, whitespace-normalised. */
export function schemaModels(file: string): Map<string, string[]> {
  const text = fs.readFileSync(file, "utf8");
  const models = new Map<string, string[]>();
  for (const match of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const lines = (match[2] ?? "")
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trim().replace(/\s+/g, " "))
      .filter((line) => line !== "");
    models.set(match[1] ?? "", lines);
  }
  return models;
}
