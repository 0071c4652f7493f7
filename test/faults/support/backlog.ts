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

/** Waits until nothing due is left; fails at once, with its last words, if one of `services` has died. */
export async function waitForDrain(db: Db, timeoutMs: number, options: { dueBy?: Date; services?: Service[] } = {}): Promise<void> {
  const check = async () => {
    const dead = options.services?.find((service) => !service.running);
    if (dead) throw new Error(`docket serve died (${dead.exitStatus()}): ${[...dead.otherOutput, ...dead.errors().map((line) => JSON.stringify(line))].slice(-6).join(' | ').slice(0, 2_000)}`);
    return (await unfinished(db, options.dueBy)) === 0;
  };
  await waitUntil(check, timeoutMs, 'every due alert to be sent or settled', 250);
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
