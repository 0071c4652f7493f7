// --due in Japanese and Korean: the common deadline phrases, read with the same rules as their English
// equivalents (end of period, the deadline's zone, day precision).
import { describe, expect, it } from 'vitest';
import { readDue } from '../../src/time/read-due.js';

// Tue 12 May 2020, 18:38 in Seoul.
const at = new Date('2020-05-12T09:38:00Z');
const due = (expression: string, zone = 'Asia/Seoul') => {
  const r = readDue(expression, { announcedAt: at, zone });
  return [r.due.instant.toISOString(), r.due.precision, r.reading];
};

describe('readDue: Japanese', () => {
  it.each([
    ['今月末までに', '2020-05-31T14:59:59.999Z', 'end of this month → Sun 31 May 2020'],
    ['来月末まで', '2020-06-30T14:59:59.999Z', 'end of next month → Tue 30 Jun 2020'],
    ['年内に', '2020-12-31T14:59:59.999Z', 'end of this year → Thu 31 Dec 2020'],
    ['6月15日までに', '2020-06-15T14:59:59.999Z', '15 June → Mon 15 Jun 2020'],
    ['６月１５日までに', '2020-06-15T14:59:59.999Z', '15 June → Mon 15 Jun 2020'],
    ['30日以内に', '2020-06-11T14:59:59.999Z', 'within 30 days (Tue 12 May 2020 + 30 days) → Thu 11 Jun 2020'],
    ['三十日以内', '2020-06-11T14:59:59.999Z', 'within 30 days (Tue 12 May 2020 + 30 days) → Thu 11 Jun 2020'],
    ['来週金曜日までに', '2020-05-22T14:59:59.999Z', 'Friday next week (the week of Mon 18 May 2020, weeks starting on Monday) → Fri 22 May 2020'],
  ])('%s', (expression, instant, reading) => {
    expect(due(expression)).toEqual([instant, 'day', reading]);
  });

  it('reads a clock time in the deadline\'s zone', () => {
    expect(due('6月15日午後5時までに', 'Asia/Tokyo')).toEqual(['2020-06-15T08:00:00.000Z', 'instant', '17:00 on 15 June → Mon 15 Jun 2020, 17:00 Asia/Tokyo']);
  });

  it('reads 今月中 as the whole month', () => {
    expect(due('今月中に')).toEqual(['2020-05-31T14:59:59.999Z', 'month', 'this month (the whole month) → end of May 2020']);
  });
});

describe('readDue: Korean', () => {
  it.each([
    ['이달 말까지', '2020-05-31T14:59:59.999Z', 'end of this month → Sun 31 May 2020'],
    ['다음 달 말까지', '2020-06-30T14:59:59.999Z', 'end of next month → Tue 30 Jun 2020'],
    ['연내에', '2020-12-31T14:59:59.999Z', 'end of this year → Thu 31 Dec 2020'],
    ['6월 15일까지', '2020-06-15T14:59:59.999Z', '15 June → Mon 15 Jun 2020'],
    ['6월15일까지', '2020-06-15T14:59:59.999Z', '15 June → Mon 15 Jun 2020'],
    ['30일 이내에', '2020-06-11T14:59:59.999Z', 'within 30 days (Tue 12 May 2020 + 30 days) → Thu 11 Jun 2020'],
    ['일주일 이내', '2020-05-19T14:59:59.999Z', 'within 1 week (Tue 12 May 2020 + 1 week) → Tue 19 May 2020'],
    ['다음 주 금요일까지', '2020-05-22T14:59:59.999Z', 'Friday next week (the week of Mon 18 May 2020, weeks starting on Monday) → Fri 22 May 2020'],
  ])('%s', (expression, instant, reading) => {
    expect(due(expression)).toEqual([instant, 'day', reading]);
  });

  it('ends a day in a zone west of UTC at its own midnight', () => {
    expect(due('6월 15일까지', 'America/New_York')[0]).toBe('2020-06-16T03:59:59.999Z');
  });
});

describe('readDue: what it refuses in Japanese and Korean', () => {
  it.each([
    ['2月30日までに', /is not a real date: February has 29 days/],
    ['13월 1일까지', /cannot be read/],
    ['早急に', /cannot be read/],
    ['조속히', /cannot be read/],
  ])('%s', (expression, problem) => {
    expect(() => readDue(expression, { announcedAt: at, zone: 'Asia/Seoul' })).toThrow(problem);
  });

  it('refuses a date before the announcement, naming --due', () => {
    expect(() => readDue('2020年5月1日まで', { announcedAt: at, zone: 'Asia/Seoul' })).toThrow(/^due "2020年5月1日まで" is before the announcement/);
  });
});
