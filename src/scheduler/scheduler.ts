// node-cron only decides *when*; the tick itself computes everything due up to now, so a missed fire
// (node-cron/node-cron#457, #485: a blocked event loop skips runs) loses nothing. Overlap is prevented
// here as well as by node-cron's noOverlap, because runSoon() can start a tick between fires.
import cron from 'node-cron';
import { invalid } from '../errors.js';

export interface SchedulerOptions {
  cron: string;
  tick: () => Promise<void>;
  onError: (error: unknown) => void;
}

export interface Scheduler {
  start(): void;
  /** Stop firing and wait for the tick in flight to finish. */
  stop(): Promise<void>;
  /** Tick as soon as possible (after the one in flight, if any) — e.g. right after a subscribe request. */
  runSoon(): void;
  lastTickAt(): Date | null;
  /** The widest gap between fires of the expression (what "the scheduler is late" is measured against). */
  intervalMs(): number;
}

export function assertCron(expression: string): string {
  if (!cron.validate(expression)) {
    throw invalid('DOCKET_CRON', expression, 'is not a valid cron expression (e.g. "* * * * *" every minute, "*/10 * * * * *" every 10 seconds)');
  }
  return expression;
}

/**
 * How often `expression` fires: the widest gap among node-cron's next fires, so an irregular schedule such
 * as "0 9,17 * * *" does not look late during its long gap. Readiness and `docket doctor` both use it.
 */
export function cronIntervalMs(expression: string): number {
  assertCron(expression);
  const task = cron.createTask(expression, () => undefined);
  try {
    const fires = task.getNextRuns(6).map((date) => date.getTime());
    let widest = 0;
    for (let i = 1; i < fires.length; i++) widest = Math.max(widest, fires[i]! - fires[i - 1]!);
    return widest || 60_000;
  } finally {
    void task.destroy();
  }
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  assertCron(options.cron);
  let running: Promise<void> | null = null;
  let again = false;
  let last: Date | null = null;
  let stopped = false;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await options.tick();
          last = new Date();
        } catch (error) {
          options.onError(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const interval = cronIntervalMs(options.cron);
  const task = cron.createTask(options.cron, () => run(), { name: 'docket-tick', noOverlap: true });
  return {
    start() {
      void task.start();
      void run(); // catch up at once on start instead of waiting for the first fire
    },
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (running) await running;
    },
    runSoon() {
      if (!stopped) void run();
    },
    lastTickAt: () => last,
    intervalMs: () => interval,
  };
}
