// The intake reader on its own: the seed article worked through, where the announcement comes from,
// and the phrases that are not deadlines.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../../src/intake/find-deadlines.js';

const seed = readFileSync(new URL('../fixtures/announcements/en-00-seed-article-2020-05-12.txt', import.meta.url), 'utf8');
const now = new Date('2020-05-12T12:00:00Z');

describe('findDeadlines', () => {
  it('reads the seed article as the canonical case', () => {
    const result = findDeadlines(seed, { now, defaultZone: 'UTC' });
    expect(result.language).toBe('en');
    expect(result.announced).toEqual({ at: '2020-05-12T18:38:00.000+09:00', zone: 'Asia/Seoul', from: 'dateline; zone from demanding party' });
    expect(result.candidates).toHaveLength(1);
    const [c] = result.candidates;
    expect(c).toMatchObject({
      dueAt: '2020-05-31T23:59:59.999+09:00',
      zone: 'Asia/Seoul',
      precision: 'day',
      expression: 'by the end of this month',
      reading: 'end of this month → Sun 31 May 2020',
      demandedBy: 'South Korea',
      demandedOf: 'Japan',
      title: 'a concrete position',
    });
    expect(c!.evidence.text).toBe('I asked for a concrete position by the end of this month.');
  });

  it('takes the year of a dateline from the clock: a May dateline read in January is last year\'s', () => {
    const result = findDeadlines('SEOUL, May 12 (Yonhap) — South Korea asked Japan to respond by the end of this month.', { now: new Date('2021-01-05T00:00:00Z'), defaultZone: 'UTC' });
    expect(result.announced.at).toBe('2020-05-12T00:00:00.000+09:00');
    expect(result.candidates[0]?.dueAt).toBe('2020-05-31T23:59:59.999+09:00');
  });

  it('uses --announced and --zone over the dateline, and says so', () => {
    const result = findDeadlines('SEOUL, May 12 (Yonhap) — South Korea asked Japan to respond within 30 days.', {
      now,
      defaultZone: 'UTC',
      announcedAt: new Date('2020-06-01T00:00:00Z'),
      zone: 'Asia/Tokyo',
    });
    expect(result.announced).toEqual({ at: '2020-06-01T09:00:00.000+09:00', zone: 'Asia/Tokyo', from: 'option' });
    expect(result.candidates[0]).toMatchObject({ dueAt: '2020-07-01T23:59:59.999+09:00', zone: 'Asia/Tokyo' });
  });

  it('takes the announcement from page metadata when the text has no dateline', () => {
    const result = findDeadlines('The European Commission asked Meta to reply by 15 July.', { now, defaultZone: 'UTC', metadata: { publishedAt: '2024-07-02T08:00:00Z' } });
    expect(result.announced).toMatchObject({ at: '2024-07-02T10:00:00.000+02:00', zone: 'Europe/Brussels' });
    expect(result.announced.from).toMatch(/^metadata/);
    expect(result.candidates[0]?.dueAt).toBe('2024-07-15T23:59:59.999+02:00');
  });

  it('proposes nothing for past events, vague urgency or a publication date', () => {
    const text =
      'TOKYO, June 2 (Kyodo) — Japan tightened the controls in July last year. Seoul protested on July 12. ' +
      'The ministry urged Seoul to act immediately and said talks would follow in the coming days. Published 2 June 2020.';
    expect(findDeadlines(text, { now: new Date('2020-06-03T00:00:00Z'), defaultZone: 'UTC' }).candidates).toEqual([]);
  });

  it('reads a deadline in a zone west of UTC across the DST change', () => {
    // 3 March 2025 is a Monday; New York moves to EDT on Sunday 9 March.
    const result = findDeadlines('WASHINGTON, March 3 — The United States told China it must respond within 10 days.', { now: new Date('2025-03-04T00:00:00Z'), defaultZone: 'UTC' });
    expect(result.candidates[0]).toMatchObject({ dueAt: '2025-03-13T23:59:59.999-04:00', zone: 'America/New_York', demandedBy: 'United States', demandedOf: 'China' });
  });

  it('detects Japanese and Korean, and honours --lang', () => {
    const ja = '韓国政府は日本政府に対し、今月末までに具体的な立場を示すよう求めた。';
    const ko = '산업통상자원부는 일본 정부에 이달 말까지 구체적인 입장을 밝혀 달라고 요구했다.';
    expect(findDeadlines(ja, { now, defaultZone: 'UTC' })).toMatchObject({ language: 'ja', candidates: [{ demandedBy: 'South Korea', demandedOf: 'Japan', dueAt: '2020-05-31T23:59:59.999+09:00' }] });
    expect(findDeadlines(ko, { now, defaultZone: 'UTC' })).toMatchObject({ language: 'ko', candidates: [{ demandedBy: 'South Korea', demandedOf: 'Japan', dueAt: '2020-05-31T23:59:59.999+09:00' }] });
    expect(findDeadlines(ko, { now, defaultZone: 'UTC', language: 'en' }).language).toBe('en');
  });

  it('tells "North Korean" from "Korean"', () => {
    const result = findDeadlines('The North Korean foreign ministry asked Washington to end the drills by the end of this month.', { now, defaultZone: 'UTC' });
    expect(result.candidates[0]).toMatchObject({ demandedBy: 'North Korea', demandedOf: 'United States' });
  });
});
