import { evaluateIntentModel, type IntentEvaluation } from "~/domain/models/intent/intentEvaluation";
import { parseSessionsCsv } from "~/domain/models/intent/sessionsCsv";
import { readInputFile } from "./readInputFile";

/**
 * `npm run models -- intent-eval <sessions.csv> [--label <column>] [--folds <k>] [--seed <n>]`
 *
 * k-fold (default 5) cross-validated AUC of the gradient-boosted intent model on a sessions CSV
 * (one session per row, the outcome in the label column, default Revenue; every other column a
 * feature), with stratified folds from a seeded shuffle: the same file and seed print the same
 * numbers. Bad arguments or input throw an Error naming the problem and the line; the dispatcher
 * prints it and exits 1.
 */
const USAGE = "usage: npm run models -- intent-eval <sessions.csv> [--label <column, default Revenue>] [--folds <2-20, default 5>] [--seed <integer, default 1>]";

export type IntentEvalOutput = { command: "intent-eval"; file: string; label: string; encodings: Record<string, string> } & IntentEvaluation;

export async function runIntentEval(argv: string[]): Promise<IntentEvalOutput> {
  const args = parseArguments(argv);
  const text = await readInputFile(args.file);
  const parsed = parseSessionsCsv(text, args.label);
  if (!parsed.ok) throw new Error(`${args.file}: line ${parsed.error.line}: ${parsed.error.message}`);
  const { table } = parsed;
  const smaller = Math.min(table.labels.filter(Boolean).length, table.labels.filter((label) => !label).length);
  if (smaller < args.folds) throw new Error(`${args.file}: only ${smaller} session(s) have the rarer outcome; ${args.folds}-fold cross-validation needs at least ${args.folds}`);
  const evaluation = evaluateIntentModel(table, args.folds, args.seed);
  return { command: "intent-eval", file: args.file, label: args.label, encodings: table.encodings, ...evaluation };
}

type Arguments = { file: string; label: string; folds: number; seed: number };

function parseArguments(argv: string[]): Arguments {
  const positional: string[] = [];
  const args = { label: "Revenue", folds: 5, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new Error(`--${name} needs a value\n${USAGE}`);
    if (name === "label") args.label = value;
    else if (name === "folds" || name === "seed") {
      const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      const [min, max] = name === "folds" ? [2, 20] : [0, 2 ** 32 - 1];
      if (!(number >= min && number <= max)) throw new Error(`--${name} needs a whole number from ${min} to ${max}, got ${value}`);
      args[name] = number;
    } else throw new Error(`unknown option --${name}\n${USAGE}`);
  }
  if (positional.length !== 1 || !positional[0]) throw new Error(`expected one sessions file, got ${positional.length}\n${USAGE}`);
  return { file: positional[0], ...args };
}
