import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { labelFor, planReminders, type PlannedReminder } from '../../src/alerts/plan-reminders.js';
import { defaultReminderPolicy, type ReminderPolicy } from '../../src/alerts/reminder-policy.js';
import type { DueMoment } from '../../src/time/due-moment.js';

/** [milestone, sendAt in UTC] pairs: the shape every expectation below is written in. */
function when(plan: PlannedReminder[]): Array<[string, string]> {
  return plan.map((p) => [p.milestone, p.sendAt.toISOString()]);
}

function plan(due: DueMoment, subscriberZone: string, policy: Partial<ReminderPolicy> = {}): PlannedReminder[] {
  return planReminders({ due, subscriberZone, policy: { ...defaultReminderPolicy, ...policy } });
}

// The canonical case: Seoul asks Japan for a position "by the end of this month" (May 2020).
const seoulEndOfMay: DueMoment = { instant: new Date('2020-05-31T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' };

describe('planReminders: the canonical case', () => {
  // KST is UTC+9 with no DST, so 09:00 KST is 00:00Z the same day.
  const seoulSchedule: Array<[string, string]> = [
    ['before:P7D', '2020-05-24T00:00:00.000Z'],
    ['before:P1D', '2020-05-30T00:00:00.000Z'],
    ['due', '2020-05-31T00:00:00.000Z'],
    ['overdue:1', '2020-06-01T00:00:00.000Z'],
    ['overdue:2', '2020-06-08T00:00:00.000Z'],
    ['overdue:3', '2020-06-15T00:00:00.000Z'],
    ['overdue:4', '2020-06-22T00:00:00.000Z'],
  ];

  it('reminds a Seoul subscriber at 09:00 KST on 24, 30 and 31 May, then 1, 8, 15 and 22 June', () => {
    expect(when(plan(seoulEndOfMay, 'Asia/Seoul'))).toEqual(seoulSchedule);
  });

  it('gives a Tokyo subscriber the same instants (JST is also UTC+9)', () => {
    expect(when(plan(seoulEndOfMay, 'Asia/Tokyo'))).toEqual(seoulSchedule);
  });

  it('reminds a New York subscriber at 09:00 EDT (13:00Z) on the same calendar days', () => {
    // Due is 31 May 14:59:59.999Z, i.e. 10:59 EDT: 09:00 EDT that day is still before it.
    expect(when(plan(seoulEndOfMay, 'America/New_York'))).toEqual([
      ['before:P7D', '2020-05-24T13:00:00.000Z'],
      ['before:P1D', '2020-05-30T13:00:00.000Z'],
      ['due', '2020-05-31T13:00:00.000Z'],
      ['overdue:1', '2020-06-01T13:00:00.000Z'],
      ['overdue:2', '2020-06-08T13:00:00.000Z'],
      ['overdue:3', '2020-06-15T13:00:00.000Z'],
      ['overdue:4', '2020-06-22T13:00:00.000Z'],
    ]);
  });

  it('labels each milestone for the subject line', () => {
    expect(plan(seoulEndOfMay, 'Asia/Seoul').map((p) => p.label)).toEqual([
      'Due in 7 days',
      'Due in 1 day',
      'Due today',
      'Overdue',
      'Still overdue',
      'Still overdue',
      'Still overdue',
    ]);
  });

  it('reminds an Auckland subscriber (NZST, UTC+12) at 09:00 local on 24, 30 and 31 May', () => {
    // Due is 1 June 02:59 NZST; overdue 1 is the next 09:00 there: 1 June 09:00 NZST = 31 May 21:00Z.
    expect(when(plan(seoulEndOfMay, 'Pacific/Auckland')).slice(0, 5)).toEqual([
      ['before:P7D', '2020-05-23T21:00:00.000Z'],
      ['before:P1D', '2020-05-29T21:00:00.000Z'],
      ['due', '2020-05-30T21:00:00.000Z'],
      ['overdue:1', '2020-05-31T21:00:00.000Z'],
      ['overdue:2', '2020-06-07T21:00:00.000Z'],
    ]);
  });

  it('plans a month-precision deadline from the last day of the month', () => {
    const month: DueMoment = { ...seoulEndOfMay, precision: 'month' };
    expect(when(plan(month, 'Asia/Seoul'))).toEqual(when(plan(seoulEndOfMay, 'Asia/Seoul')));
  });
});

describe('planReminders: the guard for subscribers far west of the deadline', () => {
  it('moves a Honolulu schedule one day earlier, because 09:00 HST on 31 May is after the deadline', () => {
    // Due 31 May 14:59:59.999Z = 31 May 04:59 HST (UTC-10). 09:00 HST on 30 May = 30 May 19:00Z.
    expect(when(plan(seoulEndOfMay, 'Pacific/Honolulu'))).toEqual([
      ['before:P7D', '2020-05-23T19:00:00.000Z'],
      ['before:P1D', '2020-05-29T19:00:00.000Z'],
      ['due', '2020-05-30T19:00:00.000Z'],
      // The first 09:00 HST after 04:59 HST on 31 May is 09:00 HST the same day.
      ['overdue:1', '2020-05-31T19:00:00.000Z'],
      ['overdue:2', '2020-06-07T19:00:00.000Z'],
      ['overdue:3', '2020-06-14T19:00:00.000Z'],
      ['overdue:4', '2020-06-21T19:00:00.000Z'],
    ]);
  });

  it('gives Kiritimati (UTC+14, no move needed) the same instants as Honolulu, a day apart on the calendar', () => {
    // 09:00 on 24 May at UTC+14 is 23 May 19:00Z; due is 1 June 04:59 there, after 31 May 09:00.
    expect(when(plan(seoulEndOfMay, 'Pacific/Kiritimati'))).toEqual(when(plan(seoulEndOfMay, 'Pacific/Honolulu')));
  });

  it('moves a Los Angeles schedule too: due is 07:59 PDT on 31 May, before that morning', () => {
    expect(when(plan(seoulEndOfMay, 'America/Los_Angeles')).slice(0, 4)).toEqual([
      ['before:P7D', '2020-05-23T16:00:00.000Z'],
      ['before:P1D', '2020-05-29T16:00:00.000Z'],
      ['due', '2020-05-30T16:00:00.000Z'],
      ['overdue:1', '2020-05-31T16:00:00.000Z'],
    ]);
  });

  it('moves back two days when the morning hour is late enough to need it', () => {
    // Deadline in Kiritimati ends 31 May 23:59:59.999+14 = 31 May 09:59:59.999Z. In Etc/GMT+12 (UTC-12)
    // that is 30 May 21:59; 23:00 on 30 May there (31 May 11:00Z) is still too late, 29 May 23:00 is not.
    const due: DueMoment = { instant: new Date('2020-05-31T23:59:59.999+14:00'), zone: 'Pacific/Kiritimati', precision: 'day' };
    expect(when(plan(due, 'Etc/GMT+12', { offsets: ['P1D', 'P0D'], morningHour: 23, overdueMax: 1 }))).toEqual([
      ['before:P1D', '2020-05-29T11:00:00.000Z'],
      ['due', '2020-05-30T11:00:00.000Z'],
      ['overdue:1', '2020-05-31T11:00:00.000Z'],
    ]);
  });
});

describe('planReminders: DST, month ends and leap days', () => {
  const newYorkDay = (date: string, offset: string): DueMoment => ({
    instant: new Date(`${date}T23:59:59.999${offset}`),
    zone: 'America/New_York',
    precision: 'day',
  });

  it('sends "1 day before" a 9 March 2026 deadline at 09:00 EDT on 8 March, the day DST starts', () => {
    const reminders = when(plan(newYorkDay('2026-03-09', '-04:00'), 'America/New_York'));
    expect(reminders.slice(0, 3)).toEqual([
      ['before:P7D', '2026-03-02T14:00:00.000Z'], // 09:00 EST
      ['before:P1D', '2026-03-08T13:00:00.000Z'], // 09:00 EDT
      ['due', '2026-03-09T13:00:00.000Z'],
    ]);
  });

  it('sends "1 day before" a 2 November 2026 deadline at 09:00 EST on 1 November, the day DST ends', () => {
    const reminders = when(plan(newYorkDay('2026-11-02', '-05:00'), 'America/New_York'));
    expect(reminders.slice(0, 3)).toEqual([
      ['before:P7D', '2026-10-26T13:00:00.000Z'], // 09:00 EDT
      ['before:P1D', '2026-11-01T14:00:00.000Z'], // 09:00 EST
      ['due', '2026-11-02T14:00:00.000Z'],
    ]);
  });

  it('keeps overdue reminders at 09:00 local when DST starts between them', () => {
    const reminders = when(plan(newYorkDay('2026-03-02', '-05:00'), 'America/New_York'));
    expect(reminders.slice(3)).toEqual([
      ['overdue:1', '2026-03-03T14:00:00.000Z'], // 09:00 EST
      ['overdue:2', '2026-03-10T13:00:00.000Z'], // 09:00 EDT
      ['overdue:3', '2026-03-17T13:00:00.000Z'],
      ['overdue:4', '2026-03-24T13:00:00.000Z'],
    ]);
  });

  it('follows London into summer time (29 March 2026)', () => {
    const due: DueMoment = { instant: new Date('2026-03-29T23:59:59.999+01:00'), zone: 'Europe/London', precision: 'day' };
    expect(when(plan(due, 'Europe/London')).slice(0, 4)).toEqual([
      ['before:P7D', '2026-03-22T09:00:00.000Z'], // 09:00 GMT
      ['before:P1D', '2026-03-28T09:00:00.000Z'], // 09:00 GMT
      ['due', '2026-03-29T08:00:00.000Z'], // 09:00 BST
      ['overdue:1', '2026-03-30T08:00:00.000Z'],
    ]);
  });

  it('follows Auckland out of summer time (southern hemisphere, 5 April 2026)', () => {
    const due: DueMoment = { instant: new Date('2026-04-06T23:59:59.999+12:00'), zone: 'Pacific/Auckland', precision: 'day' };
    expect(when(plan(due, 'Pacific/Auckland')).slice(0, 4)).toEqual([
      ['before:P7D', '2026-03-29T20:00:00.000Z'], // 30 March 09:00 NZDT (UTC+13)
      ['before:P1D', '2026-04-04T21:00:00.000Z'], // 5 April 09:00 NZST (UTC+12)
      ['due', '2026-04-05T21:00:00.000Z'],
      ['overdue:1', '2026-04-06T21:00:00.000Z'],
    ]);
  });

  it('counts back across the end of February in a leap year', () => {
    const due: DueMoment = { instant: new Date('2024-03-01T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' };
    expect(when(plan(due, 'Asia/Seoul')).slice(0, 3)).toEqual([
      ['before:P7D', '2024-02-23T00:00:00.000Z'],
      ['before:P1D', '2024-02-29T00:00:00.000Z'],
      ['due', '2024-03-01T00:00:00.000Z'],
    ]);
  });

  it('plans a month-precision deadline for February 2024 from the 29th', () => {
    const due: DueMoment = { instant: new Date('2024-02-29T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'month' };
    expect(when(plan(due, 'Asia/Seoul')).slice(0, 4)).toEqual([
      ['before:P7D', '2024-02-22T00:00:00.000Z'],
      ['before:P1D', '2024-02-28T00:00:00.000Z'],
      ['due', '2024-02-29T00:00:00.000Z'],
      ['overdue:1', '2024-03-01T00:00:00.000Z'],
    ]);
  });

  it('counts back across the end of February in a common year, with DST starting among the overdue ones', () => {
    const due: DueMoment = { instant: new Date('2023-03-01T23:59:59.999-08:00'), zone: 'America/Los_Angeles', precision: 'day' };
    expect(when(plan(due, 'America/Los_Angeles'))).toEqual([
      ['before:P7D', '2023-02-22T17:00:00.000Z'], // 09:00 PST
      ['before:P1D', '2023-02-28T17:00:00.000Z'],
      ['due', '2023-03-01T17:00:00.000Z'],
      ['overdue:1', '2023-03-02T17:00:00.000Z'],
      ['overdue:2', '2023-03-09T17:00:00.000Z'],
      ['overdue:3', '2023-03-16T16:00:00.000Z'], // 09:00 PDT (DST began 12 March)
      ['overdue:4', '2023-03-23T16:00:00.000Z'],
    ]);
  });
});

describe('planReminders: instant precision', () => {
  // A vote in Brussels at 17:00 CET on 12 March 2026 (16:00Z).
  const vote: DueMoment = { instant: new Date('2026-03-12T17:00:00+01:00'), zone: 'Europe/Brussels', precision: 'instant' };

  it('sends before-reminders at due minus the offset, and "due" at 09:00 that day locally', () => {
    expect(when(plan(vote, 'Europe/Brussels', { offsets: ['P7D', 'P1D', 'PT2H', 'P0D'], overdueMax: 1 }))).toEqual([
      ['before:P7D', '2026-03-05T16:00:00.000Z'],
      ['before:P1D', '2026-03-11T16:00:00.000Z'],
      ['due', '2026-03-12T08:00:00.000Z'], // 09:00 CET, before the 17:00 vote
      ['before:PT2H', '2026-03-12T14:00:00.000Z'],
      ['overdue:1', '2026-03-13T08:00:00.000Z'],
    ]);
  });

  it('sends "due" the morning before when the due-day morning would leave less than the minimum lead', () => {
    // 16:00Z is 01:00 JST on 13 March; 09:00 JST that day would be after the vote: 09:00 JST on the 12th.
    const reminders = plan(vote, 'Asia/Tokyo', { offsets: ['P0D'], overdueMax: 1 });
    expect(when(reminders)).toEqual([
      ['due', '2026-03-12T00:00:00.000Z'],
      ['overdue:1', '2026-03-13T00:00:00.000Z'], // 09:00 JST
    ]);
  });

  it('keeps DOCKET_MIN_LEAD: "by 5 p.m. on Friday" in Seoul reaches New York on Thursday morning, not at 04:00 Friday', () => {
    const friday: DueMoment = { instant: new Date('2020-05-15T17:00:00+09:00'), zone: 'Asia/Seoul', precision: 'instant' };
    const due = (zone: string, minLeadMinutes?: number) => plan(friday, zone, { offsets: ['P0D'], overdueMax: 0, ...(minLeadMinutes === undefined ? {} : { minLeadMinutes }) }).map((r) => r.sendAt.toISOString());
    expect(due('America/New_York')).toEqual(['2020-05-14T13:00:00.000Z']); // Thu 09:00 EDT, 19 h before
    expect(due('Asia/Seoul')).toEqual(['2020-05-15T00:00:00.000Z']); // Fri 09:00 KST, 8 h before
    // 09:00 in Honolulu on Thursday is 04:00 Friday in Seoul, 13 h before: same day for it.
    expect(due('Pacific/Honolulu')).toEqual(['2020-05-14T19:00:00.000Z']);
    // A lead of 9 h moves Seoul's to Thursday too (Friday 09:00 leaves only 8 h).
    expect(due('Asia/Seoul', 9 * 60)).toEqual(['2020-05-14T00:00:00.000Z']);
    // Every due-day reminder leaves at least the lead.
    for (const zone of ['Pacific/Kiritimati', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'Pacific/Pago_Pago']) {
      const [at] = due(zone);
      expect(friday.instant.getTime() - Date.parse(at!), zone).toBeGreaterThanOrEqual(120 * 60_000);
    }
  });

  it("counts days on the deadline's own clock, so a week before stays at 17:00 Brussels across DST", () => {
    // 2 April 2026 17:00 CEST = 15:00Z; a week earlier is 26 March 17:00 CET = 16:00Z (167 hours before).
    const afterDst: DueMoment = { ...vote, instant: new Date('2026-04-02T17:00:00+02:00') };
    expect(when(plan(afterDst, 'UTC', { offsets: ['P7D', 'P1DT2H'], overdueMax: 0 }))).toEqual([
      ['before:P7D', '2026-03-26T16:00:00.000Z'],
      ['before:P1DT2H', '2026-04-01T13:00:00.000Z'], // 15:00 CEST the day before
    ]);
  });
});

describe('planReminders: policy options', () => {
  it('places an hour offset of a day-precision deadline on the morning of the day (due − hours) falls on', () => {
    // 31 May 23:59 KST − 36 h = 30 May 11:59 KST; − 2 h = 31 May 21:59 KST.
    expect(when(plan(seoulEndOfMay, 'Asia/Seoul', { offsets: ['PT2H', 'PT36H', 'P1D'], overdueMax: 0 }))).toEqual([
      ['before:PT36H', '2020-05-30T00:00:00.000Z'],
      ['before:P1D', '2020-05-30T00:00:00.000Z'],
      ['before:PT2H', '2020-05-31T00:00:00.000Z'],
    ]);
  });

  it('uses the morning hour and minute, daily overdue reminders, and normalised offsets', () => {
    expect(when(plan(seoulEndOfMay, 'Asia/Seoul', { offsets: ['1w'], morningHour: 7, morningMinute: 30, overdueEvery: '1d', overdueMax: 2 }))).toEqual([
      ['before:P7D', '2020-05-23T22:30:00.000Z'], // 24 May 07:30 KST
      ['overdue:1', '2020-05-31T22:30:00.000Z'],
      ['overdue:2', '2020-06-01T22:30:00.000Z'],
    ]);
  });

  it('sends no overdue reminders when overdueMax is 0, and only overdue ones with no offsets', () => {
    expect(when(plan(seoulEndOfMay, 'Asia/Seoul', { overdueMax: 0 })).map(([m]) => m)).toEqual(['before:P7D', 'before:P1D', 'due']);
    expect(when(plan(seoulEndOfMay, 'Asia/Seoul', { offsets: [], overdueMax: 1 }))).toEqual([['overdue:1', '2020-06-01T00:00:00.000Z']]);
  });

  it('drops overdue repeats that would fall after year 9999, which no store can hold', () => {
    const late: DueMoment = { instant: new Date('9998-12-31T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' };
    const planned = when(plan(late, 'Asia/Seoul', { overdueEvery: 'P366D', overdueMax: 52 }));
    expect(planned.slice(0, 4)).toEqual([
      ['before:P7D', '9998-12-24T00:00:00.000Z'],
      ['before:P1D', '9998-12-30T00:00:00.000Z'],
      ['due', '9998-12-31T00:00:00.000Z'],
      ['overdue:1', '9999-01-01T00:00:00.000Z'],
    ]);
    // 1 Jan 9999 + 366 days is already in year 10000: the first overdue reminder is the only one.
    expect(planned).toHaveLength(4);
  });

  it('rejects an unknown zone and a bad policy with AppErrors', () => {
    expect(() => plan(seoulEndOfMay, 'Mars/Olympus')).toThrow(AppError);
    expect(() => plan(seoulEndOfMay, 'Mars/Olympus')).toThrow(/subscriber zone "Mars\/Olympus"/);
    expect(() => plan({ ...seoulEndOfMay, zone: 'Asia/Nowhere' }, 'Asia/Seoul')).toThrow(/deadline zone/);
    // The zone check is src/time's, with its message (and its suggestion) wherever a zone is refused.
    expect(() => plan(seoulEndOfMay, 'Asia/Seol')).toThrow(/^subscriber zone "Asia\/Seol" is not an IANA time zone \(e\.g\. Asia\/Seoul, America\/New_York, UTC\); did you mean "Asia\/Seoul"\?$/);
    expect(() => plan(seoulEndOfMay, '+09:00')).toThrow(/^subscriber zone "\+09:00" is not an IANA time zone/);
    expect(() => plan(seoulEndOfMay, 'Asia/Seoul', { morningHour: 25 })).toThrow(AppError);
    expect(() => plan(seoulEndOfMay, 'Asia/Seoul', { overdueEvery: 'PT12H' })).toThrow(/whole days/);
  });
});

describe('labelFor', () => {
  it('gives the same labels from a stored milestone string', () => {
    expect(['before:P7D', 'before:P1D', 'before:PT2H', 'before:P1DT1H', 'due', 'overdue:1', 'overdue:3'].map(labelFor)).toEqual([
      'Due in 7 days',
      'Due in 1 day',
      'Due in 2 hours',
      'Due in 1 day 1 hour',
      'Due today',
      'Overdue',
      'Still overdue',
    ]);
    expect(() => labelFor('someday')).toThrow(AppError);
  });
});
