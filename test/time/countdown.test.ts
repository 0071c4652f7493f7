// The one countdown and status vocabulary shared by pages, emails and the CLI.
import { describe, expect, it } from 'vitest';
import { leftPhrase, timeLeft } from '../../src/time/countdown.js';
import { dueBlock, stageOf, statusWord } from '../../src/time/due-block.js';

const at = (iso: string) => new Date(iso);
const endOfMaySeoul = { instant: at('2020-05-31T14:59:59.999Z'), zone: 'Asia/Seoul', precision: 'day' as const };

describe('timeLeft and leftPhrase', () => {
  it.each([
    ['2020-05-31T14:59:30Z', 'less than a minute left'],
    ['2020-05-31T14:15:00Z', '44 min left'],
    ['2020-05-31T11:47:00Z', '3 h 12 min left'],
    ['2020-05-31T05:00:00Z', '9 h 59 min left'],
    ['2020-05-24T15:00:00Z', '6 days 23 h left'],
    ['2020-05-12T10:00:00Z', '19 days left'],
    ['2020-03-13T10:00:00Z', '79 days left'],
    ['2019-11-30T10:00:00Z', '6 months 1 day left'],
    ['2020-06-02T15:00:00Z', 'overdue by 2 days'],
    ['2026-05-31T15:00:00Z', 'overdue by 6 years'],
  ])('at %s: %s', (now, expected) => {
    expect(leftPhrase(timeLeft(at(now), endOfMaySeoul.instant, 'America/New_York'))).toBe(expected);
  });

  it('never throws on an invalid date', () => {
    expect(leftPhrase(timeLeft(new Date('nope'), endOfMaySeoul.instant))).toBe('at an unknown time');
  });
});

describe('status words and stages', () => {
  it('says Overdue for an open deadline past its moment, whatever was stored', () => {
    expect(statusWord('pending', endOfMaySeoul.instant, at('2020-06-01T00:00:00Z'))).toEqual({ key: 'overdue', label: 'Overdue' });
    expect(statusWord('extended', endOfMaySeoul.instant, at('2020-06-01T00:00:00Z'))).toEqual({ key: 'overdue', label: 'Overdue' });
    expect(statusWord('pending', endOfMaySeoul.instant, at('2020-05-30T00:00:00Z'))).toEqual({ key: 'pending', label: 'Pending' });
    expect(statusWord('met', endOfMaySeoul.instant, at('2020-06-01T00:00:00Z'))).toEqual({ key: 'met', label: 'Met' });
  });

  it('colours by stage: upcoming, this week, today (under 24 h), overdue, resolved', () => {
    expect(stageOf('pending', endOfMaySeoul.instant, at('2020-05-20T00:00:00Z'))).toBe('upcoming');
    expect(stageOf('pending', endOfMaySeoul.instant, at('2020-05-25T00:00:00Z'))).toBe('week');
    expect(stageOf('pending', endOfMaySeoul.instant, at('2020-05-31T00:00:00Z'))).toBe('today');
    expect(stageOf('pending', endOfMaySeoul.instant, at('2020-06-01T00:00:00Z'))).toBe('overdue');
    expect(stageOf('withdrawn', endOfMaySeoul.instant, at('2020-05-20T00:00:00Z'))).toBe('resolved');
  });
});

describe('dueBlock', () => {
  it('leads with the reader\'s time and names the issuer\'s end of day second', () => {
    const block = dueBlock(endOfMaySeoul, 'pending', at('2020-05-24T15:00:00Z'), 'America/New_York');
    expect(block).toMatchObject({ readerTime: 'Sun 31 May, 10:59 EDT', left: '6 days 23 h left', issuerTime: 'Seoul: end of Sun 31 May', sameZone: false, stage: 'week', statusLabel: 'Pending' });
  });

  it('works west and east of UTC and across a year end', () => {
    const newYear = { instant: at('2021-01-01T04:59:59.999Z'), zone: 'America/New_York', precision: 'day' as const };
    expect(dueBlock(newYear, 'pending', at('2020-12-31T12:00:00Z'), 'Pacific/Auckland')).toMatchObject({ readerTime: 'Fri 1 Jan, 17:59 UTC+13', left: '16 h 59 min left', issuerTime: 'New York: end of Thu 31 Dec' });
    expect(dueBlock(newYear, 'pending', at('2020-12-31T12:00:00Z'), 'Pacific/Honolulu')).toMatchObject({ readerTime: 'Thu 31 Dec, 18:59 HST' });
  });

  it('says a resolved deadline was due, without urgency', () => {
    expect(dueBlock(endOfMaySeoul, 'met', at('2026-06-01T00:00:00Z'), 'UTC')).toMatchObject({ stage: 'resolved', lead: 'Was due', left: '6 years ago', statusLabel: 'Met' });
    expect(dueBlock(endOfMaySeoul, 'met', at('2020-05-29T00:00:00Z'), 'UTC')).toMatchObject({ stage: 'resolved', lead: 'Due', left: 'Met' });
  });
});
