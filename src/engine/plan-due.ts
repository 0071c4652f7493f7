// Everything the engine plans at `now`, as one stream of statements: event notices first (they are news),
// then reminder passes. runTick interleaves it with sending; planDue runs it to the end (tools, tests).
import type { Tx } from '../store/open-store.js';
import type { EngineSettings } from './engine-config.js';
import { passReminders, type Made, type PassOptions } from './plan-deadline-reminders.js';
import { fanOutEvents } from './plan-events.js';

export async function* planning(db: Tx, now: Date, settings: EngineSettings, options: PassOptions): AsyncGenerator<Made> {
  yield* fanOutEvents(db, now, { batchSize: settings.batchSize, leaseMs: settings.leaseMs, ...(options.leaseFrom && { leaseFrom: options.leaseFrom }) });
  yield* passReminders(db, now, settings, options);
}

/** When the last tick (of any instance) ran, as recorded at its end; null before the first. */
export async function previousTickAt(db: Tx): Promise<Date | null> {
  const row = await db.meta.findUnique({ where: { key: 'lastTickAt' }, select: { value: true } });
  return row ? new Date(row.value) : null;
}

/** Plans everything due at `now`; returns how many alert rows were made. */
export async function planDue(db: Tx, now: Date, settings: EngineSettings): Promise<number> {
  let made = 0;
  for await (const step of planning(db, now, settings, { previousTick: await previousTickAt(db) })) made += step.rows;
  return made;
}
