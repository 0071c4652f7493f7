// Properties that hold for any deadline, any subscriber zone and any policy. Zones are every IANA zone
// the runtime knows, over 1970–2037, so historical oddities (skipped days, midnight transitions) count.

import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { decideCatchUp } from '../../src/alerts/catch-up.js';
import { digestWindow, nextDigestAt } from '../../src/alerts/digest-schedule.js';
import { planReminders } from '../../src/alerts/plan-reminders.js';
import { parseOffsets, type ReminderPolicy } from '../../src/alerts/reminder-policy.js';
import type { DueMoment, Precision } from '../../src/time/due-moment.js';

const zones = [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/GMT+12', 'Etc/GMT-14'])].filter((z) => IANAZone.isValidZone(z));
const zone = fc.constantFrom(...zones);
const instantMs = fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2037, 11, 1) });

const dueMoment = fc.record({ ms: instantMs, zone, precision: fc.constantFrom<Precision>('instant', 'day', 'month') }).map(({ ms, zone, precision }): DueMoment => {
  const local = DateTime.fromMillis(ms, { zone });
  const end = precision === 'instant' ? local : local.endOf(precision === 'day' ? 'day' : 'month');
  return { instant: end.toJSDate(), zone, precision };
});

const offset = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map((n) => `${n}d`),
  fc.integer({ min: 1, max: 72 }).map((n) => `${n}h`),
  fc.integer({ min: 1, max: 8 }).map((n) => `${n}w`),
);

const policy = fc.record({
  offsets: fc.array(offset, { maxLength: 5 }),
  morningHour: fc.integer({ min: 0, max: 23 }),
  morningMinute: fc.integer({ min: 0, max: 59 }),
  overdueEvery: fc.integer({ min: 1, max: 14 }).map((n) => `P${n}D`),
  overdueMax: fc.integer({ min: 0, max: 6 }),
});

/** True when `at` is the first instant after a skipped stretch of wall-clock time (spring forward). */
function isGapEnd(at: Date, zoneName: string): boolean {
  const tz = IANAZone.create(zoneName);
  return tz.offset(at.getTime() - 1) < tz.offset(at.getTime());
}

function isAtMorning(at: Date, zoneName: string, p: ReminderPolicy): boolean {
  const local = DateTime.fromJSDate(at, { zone: zoneName });
  const exact = local.hour === p.morningHour && local.minute === (p.morningMinute ?? 0) && local.second === 0 && local.millisecond === 0;
  return exact || isGapEnd(at, zoneName);
}

const localDay = (at: Date, zoneName: string) => DateTime.fromJSDate(at, { zone: zoneName }).startOf('day');

describe('planReminders properties', () => {
  it('is sorted, unique, complete, and puts every before/due reminder before the due instant and every overdue one after', () => {
    fc.assert(
      fc.property(dueMoment, zone, policy, (due, subscriberZone, p) => {
        const plan = planReminders({ due, subscriberZone, policy: p });
        const dueMs = due.instant.getTime();
        const times = plan.map((r) => r.sendAt.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(new Set(plan.map((r) => r.milestone)).size).toBe(plan.length);
        expect(plan.length).toBe((p.offsets.length === 0 ? 0 : parseOffsets(p.offsets, 'offsets').length) + p.overdueMax);
        for (const r of plan) {
          if (r.milestone.startsWith('overdue:')) expect(r.sendAt.getTime()).toBeGreaterThan(dueMs);
          else if (due.precision === 'instant' && r.milestone === 'due') expect(r.sendAt.getTime()).toBeLessThanOrEqual(dueMs);
          else expect(r.sendAt.getTime()).toBeLessThan(dueMs);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sends day/month reminders and every overdue one at the morning hour in the subscriber zone', () => {
    fc.assert(
      fc.property(dueMoment, zone, policy, (due, subscriberZone, p) => {
        for (const r of planReminders({ due, subscriberZone, policy: p })) {
          if (due.precision !== 'instant' || r.milestone.startsWith('overdue:')) expect(isAtMorning(r.sendAt, subscriberZone, p)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("counts day offsets on the calendar, moving the whole schedule only as far back as the guard needs", () => {
    const dayDue = dueMoment.filter((d) => d.precision !== 'instant');
    const days = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 3 });
    fc.assert(
      fc.property(dayDue, zone, days, fc.integer({ min: 0, max: 23 }), (due, subscriberZone, before, morningHour) => {
        const p: ReminderPolicy = { offsets: [...before.map((n) => `P${n}D`), 'P0D'], morningHour, overdueEvery: 'P7D', overdueMax: 1 };
        const plan = planReminders({ due, subscriberZone, policy: p });
        const dueReminder = plan.find((r) => r.milestone === 'due')!;
        if (plan.some((r) => !isAtMorning(r.sendAt, subscriberZone, p) || isGapEnd(r.sendAt, subscriberZone))) return; // gap-moved
        const written = localDay(due.instant, due.zone).toISODate()!;
        const dueDay = localDay(dueReminder.sendAt, subscriberZone);
        expect(dueDay.toISODate()! <= written).toBe(true);
        // Moved back only when the next morning would not be before the deadline.
        if (dueDay.toISODate() !== written) {
          expect(nextDigestAt({ zone: subscriberZone, morningHour, after: dueReminder.sendAt }).getTime()).toBeGreaterThanOrEqual(due.instant.getTime());
        }
        for (const n of before) {
          const r = plan.find((x) => x.milestone === `before:P${n}D`)!;
          expect(localDay(r.sendAt, subscriberZone).toISODate()).toBe(dueDay.minus({ days: n }).toISODate());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sends hour offsets of an instant deadline exactly that many hours before it', () => {
    const instantDue = dueMoment.filter((d) => d.precision === 'instant');
    fc.assert(
      fc.property(instantDue, zone, fc.integer({ min: 1, max: 500 }), (due, subscriberZone, hours) => {
        const [r] = planReminders({ due, subscriberZone, policy: { offsets: [`${hours}h`], morningHour: 9, overdueEvery: 'P7D', overdueMax: 0 } });
        expect(r!.sendAt.getTime()).toBe(due.instant.getTime() - hours * 3_600_000);
      }),
    );
  });
});

describe('digest properties', () => {
  const morning = fc.record({ zone, morningHour: fc.integer({ min: 0, max: 23 }), morningMinute: fc.integer({ min: 0, max: 59 }) });

  it('nextDigestAt is strictly after, within two days, at the morning hour (or just after a gap)', () => {
    fc.assert(
      fc.property(morning, instantMs, (m, ms) => {
        const after = new Date(ms);
        const next = nextDigestAt({ ...m, after });
        expect(next.getTime()).toBeGreaterThan(ms);
        expect(next.getTime() - ms).toBeLessThanOrEqual(2 * 86_400_000);
        expect(isAtMorning(next, m.zone, { offsets: [], overdueEvery: 'P7D', overdueMax: 0, ...m })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('digest windows contain `at`, end at a digest moment and tile', () => {
    fc.assert(
      fc.property(morning, instantMs, (m, ms) => {
        const at = new Date(ms);
        const { from, to } = digestWindow({ ...m, at });
        expect(from.getTime()).toBeLessThan(to.getTime());
        expect(to.getTime()).toBeLessThanOrEqual(ms);
        expect(nextDigestAt({ ...m, after: from })).toEqual(to);
        expect(nextDigestAt({ ...m, after: to }).getTime()).toBeGreaterThan(ms);
      }),
      { numRuns: 500 },
    );
  });
});

describe('decideCatchUp properties', () => {
  it('accounts for every reminder that is due exactly once, and sends at most one under "latest"', () => {
    fc.assert(
      fc.property(dueMoment, zone, policy, instantMs, fc.constantFrom('latest', 'all', 'none' as const), fc.integer({ min: 0, max: 86_400_000 }), (due, subscriberZone, p, nowMs, catchUp, lateAfterMs) => {
        const plan = planReminders({ due, subscriberZone, policy: p });
        const now = new Date(nowMs);
        const decision = decideCatchUp({ due: plan, now, policy: catchUp, lateAfterMs, dueInstant: due.instant });
        const owed = plan.filter((r) => r.sendAt.getTime() <= nowMs).map((r) => r.milestone);
        expect([...decision.send.map((s) => s.milestone), ...decision.skip.map((s) => s.milestone)].sort()).toEqual([...owed].sort());
        if (catchUp === 'latest') expect(decision.send.length).toBeLessThanOrEqual(1);
        for (const s of decision.send) expect(s.late).toBe(nowMs - s.sendAt.getTime() > lateAfterMs);
      }),
    );
  });
});
