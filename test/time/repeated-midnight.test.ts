// Found by the "end of this month" property (seed 1246544143): in America/St_Johns clocks went back at
// 00:01 on 1 Nov 2009, so local midnight happened twice and 31 Oct came back for another hour.
import { expect, it } from 'vitest';
import { readDue } from '../../src/time/read-due.js';
import { isoInZone } from '../../src/time/format.js';

it('a day ends at the later of two midnights: end of October 2009 in St John\'s is 03:29:59.999Z', () => {
  const { due } = readDue('end of this month', { announcedAt: new Date('2009-10-01T02:31:00Z'), zone: 'America/St_Johns' });
  // 23:59:59.999 NST (-03:30), after the repeated hour; the NDT reading (02:29:59.999Z) is an hour early.
  expect(due.instant.toISOString()).toBe('2009-11-01T03:29:59.999Z');
  expect(isoInZone(due.instant, 'America/St_Johns')).toBe('2009-10-31T23:59:59.999-03:30');
});
