/**
 * `npm run models -- <command> ...`: check the predictive models on any data, printing JSON.
 *
 *   btyd <elog.csv> --calibration-end <date> [--holdout-end <date>]
 *   cadence-backtest <elog.csv>
 *   intent-eval <sessions.csv>
 *
 * A command returns its report; this prints it as JSON on stdout. A command throws an Error for bad
 * arguments or input; its message goes to stderr and the exit code is 1.
 */

export {};

type Command = (argv: string[]) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  btyd: async (argv) => (await import("./commands/btyd")).runBtyd(argv),
  "cadence-backtest": async (argv) => (await import("./commands/cadenceBacktest")).runCadenceBacktest(argv),
  "intent-eval": async (argv) => (await import("./commands/intentEval")).runIntentEval(argv),
};

const USAGE = `usage: npm run models -- <command> ...
  btyd <elog.csv> --calibration-end <YYYY-MM-DD> [--holdout-end <YYYY-MM-DD>]
  cadence-backtest <elog.csv>
  intent-eval <sessions.csv>
An event log is CSV with a header holding customer_id and date (ISO), optionally amount and category.`;

async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    (name ? out : err)(`${USAGE}\n`);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`error: unknown command "${name}"\n${USAGE}\n`);
    return 1;
  }
  try {
    const report = await command(rest);
    out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (error) {
    err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
