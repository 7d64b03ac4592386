import { describe, expect, it } from "vitest";
import { generateDemoStore } from "~/demo/generator";
import { NOW } from "./support/demoStore";

/**
 * The generator must stream a large store: 100,000 customers one at a time, in bounded memory.
 * This test measures and reports time and heap; it takes about half a minute on a laptop.
 */
const CUSTOMERS = 100_000;
const MB = 1_048_576;

describe("streaming 100,000 customers", () => {
  it("streams them with modest heap growth", { timeout: 600_000 }, async () => {
    const store = generateDemoStore({ seed: "stream", customers: CUSTOMERS, now: NOW });
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let customers = 0;
    let orders = 0;
    let events = 0;
    const started = performance.now();
    for (const history of store.customers()) {
      customers++;
      orders += history.orders.length;
      for (const session of history.sessions) events += session.events.length;
      if (customers % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      // Let the test runner's own messages through: a minute of synchronous work times its RPC out.
      if (customers % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    const growthMb = (peak - baseline) / MB;
    console.log(
      `streamed ${customers} customers, ${orders} orders, ${events} pixel events in ${seconds.toFixed(1)} s; ` +
        `heap ${Math.round(baseline / MB)} MB -> peak ${Math.round(peak / MB)} MB (+${growthMb.toFixed(0)} MB)`,
    );
    expect(customers).toBe(CUSTOMERS);
    expect(orders / customers).toBeGreaterThan(2);
    // Holding all histories would take gigabytes; garbage between samples stays well under this.
    expect(growthMb).toBeLessThan(300);
    // How fast is a benchmark's question (npm run bench), not a test's; the time is printed above.
  });
});
