import { describe, expect, it } from 'vitest';
import { assertZone, isValidZone } from '../../src/time/zone.js';
import { rejection } from './helpers.js';

describe('zones', () => {
  it.each(['Asia/Seoul', 'America/New_York', 'Europe/London', 'Pacific/Auckland', 'Pacific/Honolulu', 'Pacific/Kiritimati', 'UTC', 'Etc/UTC', 'Asia/Kolkata'])('%s is valid', (zone) => {
    expect(isValidZone(zone)).toBe(true);
    expect(assertZone(zone)).toBe(zone);
  });

  it.each(['', 'KST', '+09:00', 'UTC+9', 'Mars/Olympus', 'America/New York', 'Seoul'])('%j is not', (zone) => {
    expect(isValidZone(zone)).toBe(false);
    const e = rejection(() => assertZone(zone));
    expect(e.field).toBe('zone');
    expect(e.message.startsWith(`zone ${JSON.stringify(zone)} is not an IANA time zone (e.g. Asia/Seoul, America/New_York, UTC)`)).toBe(true);
  });

  it('suggests the IANA name a typo was close to (issue 16)', () => {
    expect(rejection(() => assertZone('America/New York')).message).toMatch(/; did you mean "America\/New_York"\?$/);
    expect(rejection(() => assertZone('Asia/Seol')).message).toMatch(/; did you mean "Asia\/Seoul"\?$/);
    expect(rejection(() => assertZone('Mars/Olympus')).message).not.toMatch(/did you mean/);
  });

  it('names the field it is given', () => {
    expect(rejection(() => assertZone('Nowhere', 'row 2: zone')).message).toBe('row 2: zone "Nowhere" is not an IANA time zone (e.g. Asia/Seoul, America/New_York, UTC)');
  });

  it.each([
    ['asia/seoul', 'Asia/Seoul'],
    ['ASIA/SEOUL', 'Asia/Seoul'],
    [' Asia/Seoul ', 'Asia/Seoul'],
    ['utc', 'UTC'],
    ['america/new_york', 'America/New_York'],
    ['asia/kolkata', 'Asia/Kolkata'], // not swapped for ICU's Asia/Calcutta
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['etc/utc', 'Etc/UTC'],
  ])('spells %j as %j', (input, canonical) => {
    expect(assertZone(input)).toBe(canonical);
  });
});
