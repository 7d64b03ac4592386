import { parseArgs } from "node:util";
import { generateDemoStore } from "./index";
import { summarise } from "./summary";

/**
 * Prints summary statistics of a generated demo store, or one customer's full history.
 *   tsx app/demo/generator/cli.ts --customers 50 --seed 1
 *   tsx app/demo/generator/cli.ts --customers 50 --seed 1 --show 7
 */
const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
    now: { type: "string" },
    months: { type: "string", default: "18" },
    "browse-days": { type: "string", default: "60" },
    show: { type: "string" },
  },
});

// The CLI is the one place that may read the clock: a default `now` for casual inspection.
const now = values.now ? new Date(values.now) : new Date();
const store = generateDemoStore({
  seed: values.seed,
  customers: Number(values.customers),
  now,
  months: Number(values.months),
  browseDays: Number(values["browse-days"]),
});

if (values.show !== undefined) {
  console.log(JSON.stringify(store.customer(Number(values.show)), null, 2));
} else {
  const started = performance.now();
  const summary = summarise(store.customers());
  const seconds = (performance.now() - started) / 1000;
  let anonymousSessions = 0;
  let anonymousEvents = 0;
  for (const session of store.anonymousSessions()) {
    anonymousSessions++;
    anonymousEvents += session.events.length;
  }
  console.log(
    JSON.stringify(
      {
        shop: store.shop.myshopifyDomain,
        now: now.toISOString(),
        products: store.catalog.products.length,
        outOfStockProducts: store.catalog.items.filter((item) => item.variants.every((v) => v.inventoryQuantity === 0)).length,
        ...summary,
        anonymous: { visitors: store.options.anonymousVisitors, sessions: anonymousSessions, events: anonymousEvents },
        customerSeconds: Math.round(seconds * 100) / 100,
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
      },
      null,
      2,
    ),
  );
}
