import fs from "node:fs";

/** Reads a command's input file as text; an unreadable file is an error naming it and why. */
export async function readInputFile(file: string): Promise<string> {
  try {
    return await fs.promises.readFile(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
