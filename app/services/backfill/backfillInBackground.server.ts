import type { Logger } from "pino";
import type { Db } from "~/db.server";
import type { AdminGraphql } from "~/domain/backfill/bulkOperation";
import { pollBackfill, type PollResult } from "./pollBackfill.server";

/**
 * Advances a shop's backfill after the request that asked for it has been answered (a webhook must
 * answer within seconds; an import can take minutes). One advance per shop at a time in this
 * process; a request arriving meanwhile makes it run once more when it ends, so a late webhook is
 * never lost. Errors are logged, never thrown into the request that scheduled the work.
 */

const STARTING_RETRIES = 10;
const STARTING_RETRY_MS = 500;

const running = new Map<string, { again: boolean; done: Promise<PollResult | null> }>();

export type AdminFor = (shopId: string) => Promise<AdminGraphql>;

export function advanceBackfillInBackground(store: Db, shopId: string, adminFor: AdminFor, log: Logger): Promise<PollResult | null> {
  const inFlight = running.get(shopId);
  if (inFlight) {
    inFlight.again = true;
    return inFlight.done;
  }
  const entry = { again: false, done: Promise.resolve<PollResult | null>(null) };
  entry.done = (async () => {
    let result: PollResult | null = null;
    try {
      let waits = 0;
      do {
        entry.again = false;
        result = await pollBackfill(store, await adminFor(shopId), { shopId });
        log.info({ shopId, state: result.state, runId: "run" in result ? result.run.id : undefined }, "history backfill advanced");
        // A finish webhook can overtake the write of the operation's id (tiny exports finish in
        // under a second): while the run is still being submitted, look again shortly.
        if (result.state === "busy" && result.run.status === "created" && waits < STARTING_RETRIES) {
          waits += 1;
          entry.again = true;
          await new Promise((resolve) => setTimeout(resolve, STARTING_RETRY_MS));
        }
      } while (entry.again);
    } catch (error) {
      log.error({ err: error, shopId }, "history backfill could not advance; it resumes on the next poll");
    } finally {
      running.delete(shopId);
    }
    return result;
  })();
  running.set(shopId, entry);
  return entry.done;
}
