// What a tick did, for people: `docket tick` prints this line (or the result as JSON with --json) and
// nothing else on stdout; the service logs busy ticks at info and idle ones at debug.
import type { TickResult } from '../engine/run-tick.js';

export function tickDidSomething(result: TickResult): boolean {
  return result.planned + result.lateMarked + result.digests + result.claimed + result.sent + result.retried + result.deferred + result.failed + result.skipped > 0;
}

export function tickSummary(result: TickResult): string {
  return `Tick at ${result.now}: planned ${result.planned}, sent ${result.sent}, retrying ${result.retried}, deferred ${result.deferred}, failed ${result.failed}, skipped ${result.skipped}, digests ${result.digests} (${result.durationMs} ms).`;
}
