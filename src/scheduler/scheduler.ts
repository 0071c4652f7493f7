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
  /** Expected time between fires, learnt from node-cron's schedule. */
  intervalMs(): number;
}

export function assertCron(expression: string): string {
  if (!cron.validate(expression)) {
    throw invalid('DOCKET_CRON', expression, 'is not a valid cron expression (e.g. "* * * * *" every minute, "*/10 * * * * *" every 10 seconds)');
  }
  return expression;
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

  // The interval is learnt from the gap between two fires (60 s until then); readiness uses it.
  let interval = 60_000;
  let lastFire: number | null = null;
  const task = cron.createTask(
    options.cron,
    () => {
      const fired = Date.now();
      if (lastFire !== null) interval = Math.max(1000, fired - lastFire);
      lastFire = fired;
      return run();
    },
    { name: 'docket-tick', noOverlap: true },
  );
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
