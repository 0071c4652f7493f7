// How often DOCKET_CRON fires, from the expression itself: node-cron lists the next fires, and the
// widest gap among them is what "the scheduler is late" is measured against (an irregular schedule such
// as "0 9,17 * * *" must not look late during its long gap). The running scheduler learns the same
// figure from its fires (src/scheduler/scheduler.ts); a command that only reads the store cannot.
import cron from 'node-cron';
import { assertCron } from '../scheduler/scheduler.js';

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
