import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { applicableReminders, decideCatchUp, isApplicable, missedReason, passedReason } from '../../src/alerts/catch-up.js';
import { planReminders, type PlannedReminder } from '../../src/alerts/plan-reminders.js';
import { defaultReminderPolicy } from '../../src/alerts/reminder-policy.js';

const hour = 3_600_000;

// The canonical case for a Seoul subscriber: reminders at 09:00 KST (00:00Z) on 24, 30, 31 May, then
// overdue on 1, 8, 15, 22 June. Due 31 May 23:59:59.999 KST = 31 May 14:59:59.999Z.
const dueInstant = new Date('2020-05-31T14:59:59.999Z');
const plan = planReminders({
  due: { instant: dueInstant, zone: 'Asia/Seoul', precision: 'day' },
  subscriberZone: 'Asia/Seoul',
  policy: defaultReminderPolicy,
});
const passedBy = (now: Date) => plan.filter((p) => p.sendAt.getTime() <= now.getTime());

describe('decideCatchUp', () => {
  it("'latest' sends only the newest one, late, after an outage from 29 May to 1 June 10:00 KST", () => {
    const now = new Date('2020-06-01T01:00:00Z');
    const decision = decideCatchUp({ due: passedBy(now).slice(1), now, policy: 'latest', lateAfterMs: hour / 2 });
    expect(decision).toEqual({
      send: [{ milestone: 'overdue:1', sendAt: new Date('2020-06-01T00:00:00Z'), late: true }],
      skip: [
        { milestone: 'before:P1D', reason: 'superseded by overdue:1' },
        { milestone: 'due', reason: 'superseded by overdue:1' },
      ],
    });
  });

  it("'latest' sends a reminder on time when the tick is within lateAfterMs", () => {
    const now = new Date('2020-05-24T00:00:30Z');
    const decision = decideCatchUp({ due: passedBy(now), now, policy: 'latest', lateAfterMs: 60_000 });
    expect(decision).toEqual({ send: [{ milestone: 'before:P7D', sendAt: new Date('2020-05-24T00:00:00Z'), late: false }], skip: [] });
  });

  it('treats exactly lateAfterMs as still on time', () => {
    const now = new Date('2020-05-24T00:01:00Z');
    expect(decideCatchUp({ due: passedBy(now), now, policy: 'latest', lateAfterMs: 60_000 }).send[0]?.late).toBe(false);
  });

  it("'all' sends every one, oldest first, marking the late ones", () => {
    const now = new Date('2020-05-31T00:10:00Z');
    const decision = decideCatchUp({ due: passedBy(now).reverse(), now, policy: 'all', lateAfterMs: hour });
    expect(decision).toEqual({
      send: [
        { milestone: 'before:P7D', sendAt: new Date('2020-05-24T00:00:00Z'), late: true },
        { milestone: 'before:P1D', sendAt: new Date('2020-05-30T00:00:00Z'), late: true },
        { milestone: 'due', sendAt: new Date('2020-05-31T00:00:00Z'), late: false },
      ],
      skip: [],
    });
  });

  it("'none' sends what is within lateAfterMs and skips the older ones as missed", () => {
    const now = new Date('2020-05-31T00:10:00Z');
    const decision = decideCatchUp({ due: passedBy(now), now, policy: 'none', lateAfterMs: hour });
    expect(decision.send).toEqual([{ milestone: 'due', sendAt: new Date('2020-05-31T00:00:00Z'), late: false }]);
    expect(decision.skip).toEqual([
      { milestone: 'before:P7D', reason: missedReason },
      { milestone: 'before:P1D', reason: missedReason },
    ]);
    expect(missedReason).toBe('missed while Docket was not running');
  });

  it("'none' sends nothing when everything is older than lateAfterMs", () => {
    const now = new Date('2020-05-31T05:00:00Z');
    const decision = decideCatchUp({ due: passedBy(now), now, policy: 'none', lateAfterMs: hour });
    expect(decision.send).toEqual([]);
    expect(decision.skip.map((s) => s.milestone)).toEqual(['before:P7D', 'before:P1D', 'due']);
  });

  it('skips a before/due reminder once the deadline has passed, when told the due instant', () => {
    // Down from 30 May until 31 May 23:59:59.999 KST + 1 h: "due today" is stale, overdue 1 is not yet due.
    const now = new Date('2020-05-31T16:00:00Z');
    for (const policy of ['latest', 'all', 'none'] as const) {
      expect(decideCatchUp({ due: passedBy(now), now, policy, lateAfterMs: hour, dueInstant })).toEqual({
        send: [],
        skip: [
          { milestone: 'before:P7D', reason: passedReason },
          { milestone: 'before:P1D', reason: passedReason },
          { milestone: 'due', reason: passedReason },
        ],
      });
    }
  });

  it('leaves alone reminders that are not due yet (the clock went backwards)', () => {
    const now = new Date('2020-05-30T12:00:00Z');
    const decision = decideCatchUp({ due: plan, now, policy: 'latest', lateAfterMs: hour });
    expect(decision.send.map((s) => s.milestone)).toEqual(['before:P1D']);
    expect(decision.skip.map((s) => s.milestone)).toEqual(['before:P7D']);
  });

  it('decides nothing for an empty list', () => {
    expect(decideCatchUp({ due: [], now: new Date('2020-05-30T00:00:00Z'), policy: 'latest', lateAfterMs: 0 })).toEqual({ send: [], skip: [] });
  });

  it('rejects an unknown policy and a negative lateAfterMs', () => {
    const now = new Date('2020-05-30T00:00:00Z');
    expect(() => decideCatchUp({ due: [], now, policy: 'some' as 'all', lateAfterMs: 0 })).toThrow(AppError);
    expect(() => decideCatchUp({ due: [], now, policy: 'all', lateAfterMs: -1 })).toThrow(AppError);
  });
});

describe('isApplicable', () => {
  const byMilestone = (milestone: string): PlannedReminder => plan.find((p) => p.milestone === milestone)!;

  it('gives a deadline added 3 days before it is due no "7 days before", but everything after', () => {
    const ctx = { plannedAt: new Date('2020-05-28T12:00:00+09:00'), dueInstant };
    expect(plan.filter((p) => isApplicable(p, ctx)).map((p) => p.milestone)).toEqual([
      'before:P1D',
      'due',
      'overdue:1',
      'overdue:2',
      'overdue:3',
      'overdue:4',
    ]);
  });

  it('still owes "due today" to someone subscribing at 15:00 on the due day, but not "1 day before"', () => {
    const ctx = { plannedAt: new Date('2020-05-31T15:00:00+09:00'), dueInstant };
    expect(isApplicable(byMilestone('due'), ctx)).toBe(true); // 6 hours old
    expect(isApplicable(byMilestone('before:P1D'), ctx)).toBe(false); // 30 hours old
  });

  it('owes no before/due reminder once the deadline has passed, and no past overdue one', () => {
    const ctx = { plannedAt: new Date('2020-06-01T10:00:00+09:00'), dueInstant };
    expect(plan.filter((p) => isApplicable(p, ctx)).map((p) => p.milestone)).toEqual(['overdue:2', 'overdue:3', 'overdue:4']);
  });

  it('owes a milestone whose moment is exactly the planning moment', () => {
    expect(isApplicable(byMilestone('before:P7D'), { plannedAt: new Date('2020-05-24T00:00:00Z'), dueInstant })).toBe(true);
  });
});

describe('applicableReminders', () => {
  it('keeps only the newest late before/due reminder when several are less than a day old', () => {
    // A vote at 16:00Z with reminders 6 and 3 hours ahead, subscribed to at 15:00Z: both are < 1 day old.
    const vote = new Date('2026-03-12T16:00:00Z');
    const hourly = planReminders({
      due: { instant: vote, zone: 'UTC', precision: 'instant' },
      subscriberZone: 'UTC',
      policy: { ...defaultReminderPolicy, offsets: ['PT6H', 'PT3H'], overdueMax: 1 },
    });
    const ctx = { plannedAt: new Date('2026-03-12T15:00:00Z'), dueInstant: vote };
    expect(hourly.filter((p) => isApplicable(p, ctx)).map((p) => p.milestone)).toEqual(['before:PT6H', 'before:PT3H', 'overdue:1']);
    expect(applicableReminders(hourly, ctx).map((p) => p.milestone)).toEqual(['before:PT3H', 'overdue:1']);
  });

  it('matches isApplicable when at most one late reminder qualifies', () => {
    const ctx = { plannedAt: new Date('2020-05-31T15:00:00+09:00'), dueInstant };
    expect(applicableReminders(plan, ctx)).toEqual(plan.filter((p) => isApplicable(p, ctx)));
  });
});
