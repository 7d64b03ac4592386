import { Random } from "~/demo/generator/random";
import { bgNbdLogLikelihood, bgNbdProbabilityAlive, fitBgNbd } from "~/domain/models/btyd/bgnbd";
import { scoreCustomer, type BtydModel } from "~/domain/models/btyd/clv";
import { fitGammaGamma, gammaGammaLogLikelihood, packSpend } from "~/domain/models/btyd/gammaGamma";
import { fitParetoNbd } from "~/domain/models/btyd/paretoNbd";
import { packRfm } from "~/domain/models/btyd/rfmData";
import { simulateBgNbdCustomers, type SimulatedCustomer } from "~/domain/models/btyd/simulate";
import { summariseForBtyd } from "~/domain/models/eventLog";
import { CDNOW_CALIBRATION_END, cdnowEvents } from "../domain/models/btyd/cdnowFixture";
import { bestOf, type Benchmark, type Figure } from "./benchmark";

const CLV = { horizonWeeks: 52, annualDiscountRate: 0.1 };
const TRUTH = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
const SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };
const GENERATED = 100_000;

/**
 * BTYD model speed (one thread: JavaScript runs the fit on one core).
 * - CDNOW fits (targets: BG/NBD under 50 ms), each beside its floor: one likelihood evaluation times
 *   the evaluations the optimiser used, so the ratio is the optimiser's own overhead.
 * - 100,000 customers simulated from the BG/NBD process (seeded), fitted (BG/NBD + gamma-gamma) and
 *   scored (pCLV, 52 weeks, 10% a year; target under 3 s), beside simulating them.
 * - pCLV scoring throughput beside the closed-form P(alive) alone.
 * - Peak memory (max RSS) after the 100,000-customer run beside before it.
 */
export const btydBenchmark: Benchmark = {
  name: "btyd models",
  run: async () => {
    const figures: Figure[] = [];
    const cdnow = summariseForBtyd(cdnowEvents(), CDNOW_CALIBRATION_END).customers;
    const cdnowData = packRfm(cdnow);
    const cdnowSpend = cdnow.map((c) => ({ x: c.x, meanSpend: c.meanRepeatSpend ?? 0 }));
    const spendData = packSpend(cdnowSpend);

    const bgFit = fitBgNbd(cdnow);
    const bgFitMs = await bestOf(10, () => fitBgNbd(cdnow));
    const bgEvalMs = (await bestOf(5, () => repeat(50, () => bgNbdLogLikelihood(bgFit.parameters, cdnowData, true)))) / 50;
    figures.push({ name: "CDNOW BG/NBD fit, 2,357 customers, from (x, t_x, T) (target < 50 ms)", unit: "ms", value: bgFitMs, baseline: { name: `${bgFit.evaluations} likelihood+gradient evaluations`, value: bgEvalMs * bgFit.evaluations }, better: "lower" });

    const ggFit = fitGammaGamma(cdnowSpend);
    const ggFitMs = await bestOf(10, () => fitGammaGamma(cdnowSpend));
    const ggEvalMs = (await bestOf(5, () => repeat(50, () => gammaGammaLogLikelihood(ggFit.parameters, spendData, true)))) / 50;
    figures.push({ name: "CDNOW gamma-gamma fit, 946 repeat buyers", unit: "ms", value: ggFitMs, baseline: { name: `${ggFit.evaluations} likelihood+gradient evaluations`, value: ggEvalMs * ggFit.evaluations }, better: "lower" });

    const paretoMs = await bestOf(2, () => fitParetoNbd(cdnowData, { r: bgFit.parameters.r, alpha: bgFit.parameters.alpha, s: 1, beta: bgFit.parameters.alpha }));
    figures.push({ name: "CDNOW Pareto/NBD fit (numeric gradient, 2F1 per customer)", unit: "ms", value: paretoMs, baseline: { name: "BG/NBD fit", value: bgFitMs }, better: "lower" });

    const rssBefore = maxRssMb();
    let customers: SimulatedCustomer[] = [];
    const simulateMs = await bestOf(1, () => {
      const random = new Random("btyd-bench");
      customers = simulateBgNbdCustomers(TRUTH, { customers: GENERATED, calibrationWeeks: 39, cohortWeeks: 12, spend: SPEND, random: () => random.uniform() });
    });
    let checksum = 0;
    const fitAndScoreMs = await bestOf(2, () => {
      const bg = fitBgNbd(customers);
      const gg = fitGammaGamma(customers.map((c) => ({ x: c.x, meanSpend: c.meanRepeatSpend ?? 0 })));
      const model: BtydModel = { bgNbd: bg.parameters, gammaGamma: gg.parameters };
      checksum = 0;
      for (const customer of customers) checksum += scoreCustomer(model, customer, CLV).pclv ?? 0;
    });
    if (!Number.isFinite(checksum)) throw new Error("pCLV went non-finite");
    figures.push({ name: "100,000 generated customers: BG/NBD + gamma-gamma fit + pCLV score (target < 3 s)", unit: "s", value: fitAndScoreMs / 1000, baseline: { name: "simulating them", value: simulateMs / 1000 }, better: "lower" });

    const bigFit = fitBgNbd(customers);
    const bigFitMs = await bestOf(2, () => fitBgNbd(customers));
    const packMs = await bestOf(3, () => packRfm(customers));
    const packed = packRfm(customers);
    const bigEvalMs = await bestOf(3, () => bgNbdLogLikelihood(bigFit.parameters, packed, true));
    figures.push({ name: "100,000 generated customers: BG/NBD fit alone", unit: "ms", value: bigFitMs, baseline: { name: `packing + ${bigFit.evaluations} likelihood+gradient evaluations`, value: packMs + bigEvalMs * bigFit.evaluations }, better: "lower" });
    const bigGgMs = await bestOf(2, () => fitGammaGamma(customers.map((c) => ({ x: c.x, meanSpend: c.meanRepeatSpend ?? 0 }))));
    figures.push({ name: "100,000 generated customers: gamma-gamma fit alone", unit: "ms", value: bigGgMs, baseline: { name: "BG/NBD fit alone", value: bigFitMs }, better: "lower" });

    const model: BtydModel = { bgNbd: bigFit.parameters, gammaGamma: SPEND };
    const scoreMs = await bestOf(3, () => {
      for (const customer of customers) scoreCustomer(model, customer, CLV);
    });
    let aliveSum = 0;
    const aliveMs = await bestOf(3, () => {
      for (const customer of customers) aliveSum += bgNbdProbabilityAlive(model.bgNbd, customer);
    });
    if (!(aliveSum > 0)) throw new Error("P(alive) summed to nothing");
    const perSecond = (ms: number) => Math.round(GENERATED / (ms / 1000));
    figures.push({ name: "pCLV scoring (12 monthly steps, 52 weeks)", unit: "customers/s", value: perSecond(scoreMs), baseline: { name: "P(alive) alone (closed form)", value: perSecond(aliveMs) }, better: "higher" });

    figures.push({ name: "peak memory (max RSS) after the 100,000-customer runs", unit: "MB", value: maxRssMb(), baseline: { name: "before them", value: rssBefore }, better: "lower" });
    return figures;
  },
};

function repeat(times: number, work: () => unknown): void {
  for (let i = 0; i < times; i++) work();
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
