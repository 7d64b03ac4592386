/**
 * `npm run bench`: every benchmark in test/bench, each figure printed beside its same-run baseline.
 * `npm run bench -- <name filter>` runs the matching ones only.
 */
import type { Benchmark, Figure } from "./benchmark";
import { btydBenchmark } from "./btyd.bench";
import { cadenceIntentBenchmark } from "./cadenceIntent.bench";
import { demoLoadBenchmark } from "./demoLoad.bench";
import { emailRenderBenchmark } from "./emailRender.bench";
import { inboxApplyBenchmark } from "./inboxApply.bench";
import { planningBenchmark } from "./planning.bench";
import { webhookIntakeBenchmark } from "./webhookIntake.bench";

const BENCHMARKS: Benchmark[] = [demoLoadBenchmark, webhookIntakeBenchmark, inboxApplyBenchmark, btydBenchmark, cadenceIntentBenchmark, planningBenchmark, emailRenderBenchmark];

const filter = process.argv[2]?.toLowerCase();
const selected = BENCHMARKS.filter((benchmark) => !filter || benchmark.name.toLowerCase().includes(filter));
if (selected.length === 0) {
  console.error(`no benchmark matches "${filter}"; there are: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  process.exit(1);
}

const format = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
for (const benchmark of selected) {
  const figures: Figure[] = await benchmark.run();
  console.log(`\n## ${benchmark.name}`);
  for (const figure of figures) {
    const ratio = figure.value / figure.baseline.value;
    console.log(
      `${figure.name}: ${format(figure.value)} ${figure.unit} | ${figure.baseline.name}: ${format(figure.baseline.value)} ${figure.unit} | ratio ${ratio.toFixed(2)} (${figure.better} is better)`,
    );
  }
}
