// A backlog of due alerts, seeded fast (bench/alerts/seed-world.ts writes raw multi-row INSERTs), and the
// waits that go with it: until the store has nothing left to send.
import { seedWorld } from '../../../bench/alerts/seed-world.js';
import type { Db, Store } from '../../../src/store/open-store.js';
import type { Service } from './service.js';
import { waitUntil } from './wait.js';

/** Docket time at which seeded backlogs are due (their reminders were due 5 minutes before). */
export const backlogNow = new Date('2026-06-01T09:05:00.000Z');

/** Seeds `alerts` due reminders: ⌈alerts / 10⌉ subscribers × 10 deadlines. Returns how many rows there are. */
export async function seedBacklog(store: Store, alerts: number, now = backlogNow): Promise<number> {
  const hotDeadlines = 10;
  const world = await seedWorld(store, { now, followers: Math.ceil(alerts / hotDeadlines), hotDeadlines, dailySubscribers: 0, coldDeadlines: 0, background: 0 });
  return world.due;
}

/** Alerts not yet sent or settled; with `dueBy`, only those meant to go out by then. */
export async function unfinished(db: Db, dueBy?: Date): Promise<number> {
  return db.alert.count({ where: { status: { in: ['scheduled', 'sending'] }, ...(dueBy && { sendAt: { lte: dueBy } }) } });
}

/**
 * Writes the engine has not yet turned into alert rows: notice events not fanned out, and deadlines
 * waiting for a reminder pass. A drain check that ignores these can pass before the last writes are rows.
 */
export async function waitingToPlan(db: Db): Promise<number> {
  const [events, deadlines] = await Promise.all([db.event.count({ where: { notify: true, fannedOutAt: null } }), db.deadline.count({ where: { plannedAt: null } })]);
  return events + deadlines;
}

/** Alert rows owed by `dueBy` (every row but those the engine skipped), whatever their state. */
export async function owedRows(db: Db, dueBy?: Date): Promise<number> {
  return db.alert.count({ where: { status: { not: 'skipped' }, ...(dueBy && { sendAt: { lte: dueBy } }) } });
}

/**
 * Waits for the exact end of a scenario: everything written is planned, at least `owed` alert rows
 * exist (the number the scenario knows in advance), and every one due by `dueBy` is sent or settled.
 * Fails at once, with its last words, if one of `services` has died.
 */
export async function waitForDrain(db: Db, timeoutMs: number, options: { owed: number; dueBy?: Date; services?: Service[] }): Promise<void> {
  const check = async () => {
    const dead = options.services?.find((service) => !service.running);
    if (dead) throw new Error(`docket serve died (${dead.exitStatus()}): ${[...dead.otherOutput, ...dead.errors().map((line) => JSON.stringify(line))].slice(-60).join(' | ').slice(0, 8_000)}`);
    // Order matters: rows are counted after planning is seen finished, so a row planned in between is not missed.
    if ((await waitingToPlan(db)) > 0) return false;
    if ((await owedRows(db, options.dueBy)) < options.owed) return false;
    return (await unfinished(db, options.dueBy)) === 0;
  };
  await waitUntil(check, timeoutMs, `all ${options.owed} owed alerts to be planned, then sent or settled`, 250);
}

/** The goal behind the exact end: the scenario owed exactly the alerts it knew of in advance. */
export function owedMisses(owed: number, expected: number): string[] {
  return owed === expected ? [] : [`${owed} alerts owed at the end, expected exactly ${expected}`];
}

/** Alerts claimed and not yet settled: right after a kill, the killed process's batch (and other instances'). */
export async function claimedIds(db: Db): Promise<number[]> {
  const rows = await db.alert.findMany({ where: { status: 'sending' }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** SIGKILLs a service and adds what was claimed at that moment to `inFlight`; returns how many. */
export async function killAndRecord(service: Service, db: Db, inFlight: Set<number>): Promise<number> {
  await service.kill();
  const claimed = await claimedIds(db);
  for (const id of claimed) inFlight.add(id);
  return claimed.length;
}
