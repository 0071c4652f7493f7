import ICAL from 'ical.js';
import ical from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { addDeadlineEvent, deadlineCalendar, deadlineUid } from '../../src/calendar/deadline-event.js';
import type { DeadlineView } from '../../src/mail/alert-view.js';
import { deadline, host, issue } from './fixtures.js';
import { events, firstEvent } from './mime.js';

const opts = { host, issueUrl: 'http://localhost:8080/issues/japan-south-korea-export-controls' };

function alarmTriggers(ics: string): string[] {
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
  return vevent.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')));
}

describe('deadlineCalendar', () => {
  it('writes a day-precision deadline as an all-day event on its own date', () => {
    const ics = deadlineCalendar(issue(), deadline(), opts);
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toContain('PRODID:-//Docket//Docket//EN');
    expect(ics).toContain('TRANSP:TRANSPARENT');
    expect(ics).toContain('STATUS:CONFIRMED');
    const event = firstEvent(ics);
    expect(event.uid).toBe('deadline-42@docket.example.org');
    expect(event.startDate.isDate).toBe(true);
    expect([event.startDate.toString(), event.endDate.toString()]).toEqual(['2020-05-31', '2020-06-01']);
    expect(event.description).toContain('Due: Sun 31 May 2020, 23:59 UTC+9 (Asia/Seoul)');
    expect(event.description).toContain(opts.issueUrl);
  });

  it('keeps the written date for zones west of UTC and whatever the server zone is', () => {
    // 23:59 on 31 May in Los Angeles is already 1 June in UTC and in Kiritimati (UTC+14).
    const la = deadline({ due: { instant: new Date('2020-05-31T23:59:59.999-07:00'), zone: 'America/Los_Angeles', precision: 'day' } });
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(firstEvent(deadlineCalendar(issue(), la, opts)).startDate.toString()).toBe('2020-05-31');
      process.env.TZ = 'Pacific/Pago_Pago'; // UTC-11
      expect(firstEvent(deadlineCalendar(issue(), deadline(), opts)).startDate.toString()).toBe('2020-05-31');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('puts a month-precision deadline on the last day of the month', () => {
    const feb = deadline({ due: { instant: new Date('2024-02-29T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'month' } });
    expect(firstEvent(deadlineCalendar(issue(), feb, opts)).startDate.toString()).toBe('2024-02-29');
  });

  it('ends an all-day event the next day, across a month end, a year end and a DST change', () => {
    const dates = (due: DeadlineView['due']) => {
      const event = firstEvent(deadlineCalendar(issue(), deadline({ due }), opts));
      return [event.startDate.toString(), event.endDate.toString()];
    };
    expect(dates({ instant: new Date('2023-02-28T23:59:59.999-05:00'), zone: 'America/New_York', precision: 'month' })).toEqual(['2023-02-28', '2023-03-01']);
    expect(dates({ instant: new Date('2026-12-31T23:59:59.999+13:00'), zone: 'Pacific/Auckland', precision: 'day' })).toEqual(['2026-12-31', '2027-01-01']);
    expect(dates({ instant: new Date('2026-03-08T23:59:59.999-04:00'), zone: 'America/New_York', precision: 'day' })).toEqual(['2026-03-08', '2026-03-09']);
  });

  it('writes an instant deadline as a timed event in UTC', () => {
    const fivePm = deadline({ due: { instant: new Date('2020-05-15T17:00:00+09:00'), zone: 'Asia/Seoul', precision: 'instant' } });
    const ics = deadlineCalendar(issue(), fivePm, opts);
    expect(ics).toContain('DTSTART:20200515T080000Z');
    const event = firstEvent(ics);
    expect(event.startDate.isDate).toBe(false);
    expect(event.startDate.toJSDate().toISOString()).toBe('2020-05-15T08:00:00.000Z');
  });

  it('uses the revision as SEQUENCE and cancels a withdrawn deadline', () => {
    const ics = deadlineCalendar(issue(), deadline({ status: 'withdrawn', revision: 3 }), opts);
    expect(firstEvent(ics).sequence).toBe(3);
    expect(ics).toContain('STATUS:CANCELLED');
    expect(firstEvent(ics).summary).toBe("Withdrawn: South Korea's request for Japan's position on export controls");
  });

  it('rings all-day alarms at 09:00 on the reminder day, timed ones exactly before', () => {
    // Start is 00:00 on 31 May: 7 days before at 09:00 is 6 days 15 hours earlier.
    expect(alarmTriggers(deadlineCalendar(issue(), deadline(), { ...opts, alarmOffsets: ['P7D', 'P1D', 'P0D'] }))).toEqual([
      '-P6DT15H',
      '-PT15H',
      'PT9H',
    ]);
    const fivePm = deadline({ due: { instant: new Date('2020-05-15T17:00:00+09:00'), zone: 'Asia/Seoul', precision: 'instant' } });
    const ics = deadlineCalendar(issue(), fivePm, { ...opts, alarmOffsets: ['PT2H'] });
    expect(alarmTriggers(ics)).toEqual(['-PT2H']);
    expect(ics).toContain("DESCRIPTION:Due in 2 hours: South Korea's request");
    expect(() => deadlineCalendar(issue(), deadline(), { ...opts, alarmOffsets: ['a week'] })).toThrow(/ISO duration/);
  });

  it('is byte-identical for the same input (DTSTAMP from the announcement unless given)', () => {
    const a = deadlineCalendar(issue(), deadline(), opts);
    expect(deadlineCalendar(issue(), deadline(), opts)).toBe(a);
    expect(a).toContain('DTSTAMP:20200512T030000Z');
    expect(deadlineCalendar(issue(), deadline(), { ...opts, stamp: new Date('2020-05-30T13:00:00Z') })).toContain('DTSTAMP:20200530T130000Z');
  });

  it('adds to a caller\'s calendar, which may have its own zone', () => {
    const cal = ical({ name: 'feed', timezone: 'America/New_York' });
    addDeadlineEvent(cal, issue(), deadline(), opts);
    addDeadlineEvent(cal, issue(), deadline({ id: 43, title: 'Second' }), opts);
    const all = events(cal.toString());
    expect(all.map((e) => [e.uid, e.startDate.toString()])).toEqual([
      ['deadline-42@docket.example.org', '2020-05-31'],
      ['deadline-43@docket.example.org', '2020-05-31'],
    ]);
    expect(deadlineUid(42, 'example.net')).toBe('deadline-42@example.net');
  });
});
