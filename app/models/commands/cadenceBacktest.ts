import { backtestCadence, DEFAULT_BACKTEST, type CadenceBacktestReport } from "~/domain/models/cadence/cadenceBacktest";
import { formatEventLogError, parseEventLog } from "~/domain/models/eventLog";
import { readInputFile } from "./readInputFile";

/**
 * `npm run models -- cadence-backtest <elog.csv> [--min-history <k>] [--tolerance-days <d>]`
 *
 * Replays the event log (header with customer_id and date; a category column makes each customer's
 * categories separate series) and scores cadence due dates against the actual next purchases, beside
 * a fixed 30-day window and the best fixed window in hindsight. See backtestCadence for exactly which
 * predictions count. Bad arguments or input throw an Error naming the problem and, for the file, the
 * line; the dispatcher prints it and exits 1.
 */
const USAGE = "usage: npm run models -- cadence-backtest <elog.csv> [--min-history <purchases, default 3>] [--tolerance-days <days, default 7>]";

export type CadenceBacktestOutput = { command: "cadence-backtest"; file: string; events: number } & CadenceBacktestReport;

export async function runCadenceBacktest(argv: string[]): Promise<CadenceBacktestOutput> {
  const args = parseArguments(argv);
  const text = await readInputFile(args.file);
  const parsed = parseEventLog(text);
  if (!parsed.ok) throw new Error(`${args.file}: ${formatEventLogError(parsed.error)}`);
  const events = parsed.events.map((event) => ({ customerId: event.customerId, date: event.date, category: event.category }));
  let report: CadenceBacktestReport;
  try {
    report = backtestCadence(events, { ...DEFAULT_BACKTEST, minHistory: args.minHistory, toleranceDays: args.toleranceDays });
  } catch (error) {
    if (error instanceof RangeError) throw new Error(`${args.file}: ${error.message}`);
    throw error;
  }
  return { command: "cadence-backtest", file: args.file, events: parsed.events.length, ...report };
}

type Arguments = { file: string; minHistory: number; toleranceDays: number };

const OPTIONS = { "min-history": { min: 1, max: 100 }, "tolerance-days": { min: 0, max: 90 } } as const;

function parseArguments(argv: string[]): Arguments {
  const positional: string[] = [];
  const values: Record<keyof typeof OPTIONS, number> = { "min-history": DEFAULT_BACKTEST.minHistory, "tolerance-days": DEFAULT_BACKTEST.toleranceDays };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!(name in OPTIONS)) throw new Error(`unknown option --${name}\n${USAGE}`);
    const option = name as keyof typeof OPTIONS;
    const raw = inline ?? argv[++i];
    const value = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= OPTIONS[option].min && value <= OPTIONS[option].max)) {
      throw new Error(`--${option} needs a whole number from ${OPTIONS[option].min} to ${OPTIONS[option].max}, got ${raw ?? "nothing"}`);
    }
    values[option] = value;
  }
  if (positional.length !== 1 || !positional[0]) throw new Error(`expected one event-log file, got ${positional.length}\n${USAGE}`);
  return { file: positional[0], minHistory: values["min-history"], toleranceDays: values["tolerance-days"] };
}
