// The scheduler's source step, apart from the alert engine: claim the sources whose poll is due (with a
// lease, so several instances poll each source once) and poll them a few at a time. Called after the
// alert tick by `docket serve` and `docket tick`; like the tick, it catches up to `now` on every call.
import type { Db } from '../store/open-store.js';
import { claimDueSources } from './claim-sources.js';
import type { FeedLimits } from './fetch-feed.js';
import type { PollReport } from './poll-source.js';

export interface SourceStepResult {
  polled: number;
  failed: number;
  notModified: number;
  candidates: number;
}

export interface SourceStepOptions {
  now: Date;
  defaultZone: string;
  /** Sources polled at once (each is network-bound). */
  concurrency?: number;
  /** Claimed per round; a round's lease covers its polls (timeouts bound each one). */
  batchSize?: number;
  leaseMs?: number;
  limits?: FeedLimits;
  signal?: AbortSignal;
  onReport?: (report: PollReport) => void;
  onError?: (sourceId: number, error: unknown) => void;
}

export async function pollDueSources(db: Db, options: SourceStepOptions): Promise<SourceStepResult> {
  const result: SourceStepResult = { polled: 0, failed: 0, notModified: 0, candidates: 0 };
  const concurrency = options.concurrency ?? 4;
  for (;;) {
    if (options.signal?.aborted) break;
    const claimed = await claimDueSources(db, options.now, { limit: options.batchSize ?? 20, leaseMs: options.leaseMs ?? 10 * 60_000 });
    if (claimed.length === 0) break;
    // Loaded only when a feed is due: polling brings the whole announcement reader (place names,
    // readability, the phrase reader, ~3 MB of bundle), which a tick with nothing due need not compile.
    const { pollSource } = await import('./poll-source.js');
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const source = claimed[next++]!;
        let report: PollReport;
        try {
          report = await pollSource(db, source, { now: options.now, defaultZone: options.defaultZone, ...(options.limits ? { limits: options.limits } : {}) });
        } catch (error) {
          // Not the feed's fault (the store, or a bug reading an item): the other sources still get polled,
          // and this one is tried again when its lease runs out.
          result.polled += 1;
          result.failed += 1;
          options.onError?.(source.id, error);
          continue;
        }
        result.polled += 1;
        if (report.outcome === 'failed') result.failed += 1;
        if (report.outcome === 'not-modified') result.notModified += 1;
        result.candidates += report.added.length;
        options.onReport?.(report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
  }
  return result;
}
