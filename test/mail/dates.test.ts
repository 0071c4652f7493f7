import { describe, expect, it } from 'vitest';
import { dueCountdown, formatDueForSubject, formatWithZone, humanDuration } from '../../src/mail/dates.js';
import type { DueMoment } from '../../src/time/due-moment.js';

const at = (iso: string) => new Date(iso);
const endOfMaySeoul: DueMoment = { instant: at('2020-05-31T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' };

describe('email date wording', () => {
  it('counts calendar days in the reader\'s zone', () => {
    const ny = 'America/New_York'; // the deadline is 10:59 on 31 May there
    expect(dueCountdown(endOfMaySeoul, at('2020-05-12T03:00:00Z'), ny)).toBe('19 days left'); // 23:00 on 11 May in New York; the exact time to 10:59 on 31 May
    expect(dueCountdown(endOfMaySeoul, at('2020-05-30T13:00:00Z'), ny)).toBe('1 day 1 h left');
    expect(dueCountdown(endOfMaySeoul, at('2020-05-30T20:15:00Z'), ny)).toBe('18 h 44 min left'); // already 31 May in Seoul
    expect(dueCountdown(endOfMaySeoul, at('2020-05-30T20:15:00Z'), 'Asia/Seoul')).toBe('18 h 44 min left'); // the same instant for every reader
    expect(dueCountdown(endOfMaySeoul, at('2020-05-31T15:30:00Z'), ny)).toBe('overdue by 30 min'); // 11:30 in New York
    expect(dueCountdown(endOfMaySeoul, at('2020-06-02T00:00:00Z'), ny)).toBe('overdue by 1 day 9 h'); // 20:00 on 1 June
    // Los Angeles' end of 31 May is 15:59 on 1 June in Seoul: still ahead for a Seoul reader on 1 June.
    const la: DueMoment = { instant: at('2020-05-31T23:59:59.999-07:00'), zone: 'America/Los_Angeles', precision: 'day' };
    expect(dueCountdown(la, at('2020-06-01T01:00:00Z'), 'Asia/Seoul')).toBe('5 h 59 min left');
    const fivePm: DueMoment = { instant: at('2020-05-15T17:00:00+09:00'), zone: 'Asia/Seoul', precision: 'instant' };
    expect(dueCountdown(fivePm, at('2020-05-15T05:00:00Z'), ny)).toBe('3 h left');
  });

  it('names durations from ISO offsets', () => {
    expect(humanDuration('P7D')).toBe('7 days');
    expect(humanDuration('P1D')).toBe('1 day');
    expect(humanDuration('PT2H')).toBe('2 hours');
    expect(humanDuration('P1W')).toBe('1 week');
    expect(humanDuration('nonsense')).toBeNull();
  });

  it('writes subject dates by precision, with the zone when a clock time is shown', () => {
    expect(formatDueForSubject(endOfMaySeoul)).toBe('Sun 31 May 2020');
    expect(formatDueForSubject({ ...endOfMaySeoul, precision: 'month' })).toBe('end of May 2020');
    expect(formatDueForSubject({ instant: at('2020-05-15T17:00:00+09:00'), zone: 'Asia/Seoul', precision: 'instant' })).toBe('Fri 15 May 2020, 17:00 UTC+9');
  });

  it('names the zone beside every clock time, following DST', () => {
    expect(formatWithZone(at('2020-01-15T15:00:00Z'), 'America/New_York')).toBe('Wed 15 Jan 2020, 10:00 EST (America/New_York)');
    expect(formatWithZone(at('2020-07-15T14:00:00Z'), 'America/New_York')).toBe('Wed 15 Jul 2020, 10:00 EDT (America/New_York)');
  });
});
