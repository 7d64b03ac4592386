import { type BtydReport, analyseBtyd } from "~/domain/models/btyd/report";
import { formatEventLogError, parseEventLog, parseIsoDate, summariseForBtyd } from "~/domain/models/eventLog";
import { readInputFile } from "./readInputFile";

/**
 * `npm run models -- btyd <elog.csv> --calibration-end <date> [--holdout-end <date>]`
 *
 * Fits BG/NBD, Pareto/NBD and (with an amount column) gamma-gamma on the purchases up to and
 * including the calibration end's day, and with a holdout end compares predicted with actual repeat
 * purchases after it. Bad arguments or input throw an Error whose message names the problem (and,
 * for the file, the line); the dispatcher prints it and exits 1.
 */

const USAGE = "usage: npm run models -- btyd <elog.csv> --calibration-end <YYYY-MM-DD> [--holdout-end <YYYY-MM-DD>]";

export type BtydCommandOutput = {
  command: "btyd";
  file: string;
  events: number;
  calibrationEnd: string;
  holdoutEnd: string | null;
} & BtydReport;

export async function runBtyd(argv: string[]): Promise<BtydCommandOutput> {
  const args = parseArguments(argv);
  const text = await readInputFile(args.file);
  const parsed = parseEventLog(text);
  if (!parsed.ok) throw new Error(`${args.file}: ${formatEventLogError(parsed.error)}`);
  const summary = summariseForBtyd(parsed.events, args.calibrationEnd, args.holdoutEnd ?? undefined);
  if (summary.customers.length < 2) {
    throw new Error(`${args.file}: ${summary.customers.length} customer(s) bought on or before --calibration-end ${day(args.calibrationEnd)}; the models need at least two`);
  }
  const report = analyseBtyd(summary, { hasAmount: parsed.hasAmount });
  return { command: "btyd", file: args.file, events: parsed.events.length, calibrationEnd: day(args.calibrationEnd), holdoutEnd: args.holdoutEnd ? day(args.holdoutEnd) : null, ...report };
}

type Arguments = { file: string; calibrationEnd: Date; holdoutEnd: Date | null };

function parseArguments(argv: string[]): Arguments {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name !== "calibration-end" && name !== "holdout-end") throw new Error(`unknown option --${name}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a date\n${USAGE}`);
    flags.set(name, value);
  }
  if (positional.length !== 1 || !positional[0]) throw new Error(`expected one event-log file, got ${positional.length}\n${USAGE}`);
  const date = (name: string): Date | null => {
    const value = flags.get(name);
    if (value === undefined) return null;
    const parsed = parseIsoDate(value.trim());
    if (!parsed) throw new Error(`cannot read --${name} "${value}"; expected an ISO date such as 1997-09-30`);
    return parsed;
  };
  const calibrationEnd = date("calibration-end");
  if (!calibrationEnd) throw new Error(`--calibration-end is required\n${USAGE}`);
  const holdoutEnd = date("holdout-end");
  if (holdoutEnd && day(holdoutEnd) <= day(calibrationEnd)) throw new Error(`--holdout-end ${day(holdoutEnd)} must fall after --calibration-end ${day(calibrationEnd)}`);
  return { file: positional[0], calibrationEnd, holdoutEnd };
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
