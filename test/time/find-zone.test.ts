// The zone finder behind the subscribe form: cities and countries in any case, IANA names, typos.
import { describe, expect, it } from 'vitest';
import { findZone } from '../../src/time/find-zone.js';

describe('findZone', () => {
  it.each([
    ['tokyo', 'Asia/Tokyo'],
    ['TOKYO', 'Asia/Tokyo'],
    ['New York', 'America/New_York'],
    ['new_york', 'America/New_York'],
    ['São Paulo', 'America/Sao_Paulo'],
    ['sao paulo', 'America/Sao_Paulo'],
    ['Mumbai', 'Asia/Kolkata'],
    ['India', 'Asia/Kolkata'],
    ['japan', 'Asia/Tokyo'],
    ['london', 'Europe/London'],
    ['europe/berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
  ])('finds %s → %s', (query, zone) => {
    expect(findZone(query)).toMatchObject({ kind: 'found', zone });
  });

  it('offers a choice when a name fits several zones, likeliest first', () => {
    const korea = findZone('Korea');
    expect(korea).toEqual({ kind: 'several', choices: [{ zone: 'Asia/Seoul', label: 'Asia/Seoul — South Korea' }, { zone: 'Asia/Pyongyang', label: 'Asia/Pyongyang — North Korea' }] });
    const us = findZone('united states');
    expect(us.kind === 'several' && us.choices[0]!.zone).toBe('America/New_York');
  });

  it('suggests the nearest name for a typo, and nothing for nonsense', () => {
    expect(findZone('Europe/Berln')).toEqual({ kind: 'none', suggestion: { zone: 'Europe/Berlin', label: 'Europe/Berlin — Germany' } });
    expect(findZone('Tokio')).toMatchObject({ kind: 'none', suggestion: { zone: 'Asia/Tokyo' } });
    expect(findZone('xyzzy')).toEqual({ kind: 'none', suggestion: null });
    expect(findZone('')).toEqual({ kind: 'none', suggestion: null });
  });
});
