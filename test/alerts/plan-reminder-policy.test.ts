import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { defaultReminderPolicy, parseOffsets, parseOverdueEvery, resolvePolicy, validatePolicy } from '../../src/alerts/reminder-policy.js';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('defaultReminderPolicy', () => {
  it('is 7 days, 1 day and the due day at 09:00, then overdue every 7 days, 4 times; 2 h lead on the due day', () => {
    expect(defaultReminderPolicy).toEqual({ offsets: ['P7D', 'P1D', 'P0D'], morningHour: 9, morningMinute: 0, overdueEvery: 'P7D', overdueMax: 4, minLeadMinutes: 120 });
  });
});

describe('parseOffsets', () => {
  it('reads shorthand and returns ISO durations, longest first', () => {
    expect(parseOffsets('0d,7d,1d', '--offsets')).toEqual(['P7D', 'P1D', 'P0D']);
  });

  it('reads ISO durations in any case and with spaces', () => {
    expect(parseOffsets(' p1d , P7D', '--offsets')).toEqual(['P7D', 'P1D']);
  });

  it('folds weeks into days so "1w" and "7d" are one milestone', () => {
    expect(parseOffsets('1w,7d,P1W,2w', '--offsets')).toEqual(['P14D', 'P7D']);
  });

  it('keeps hours as hours and sorts them among days by length', () => {
    expect(parseOffsets(['2h', '1d', 'PT36H', 'P1DT12H'], '--offsets')).toEqual(['P1DT12H', 'PT36H', 'P1D', 'PT2H']);
  });

  it('treats every zero as "on the due day"', () => {
    expect(parseOffsets('0d,0h,P0D,PT0H', '--offsets')).toEqual(['P0D']);
  });

  it('splits comma-separated items inside an array', () => {
    expect(parseOffsets(['7d,1d', '0d'], 'offsets')).toEqual(['P7D', 'P1D', 'P0D']);
  });

  it('reads "none" as no reminders before the due moment', () => {
    expect(parseOffsets('none', '--offsets')).toEqual([]);
  });

  it('names the part it cannot read', () => {
    const error = errorOf(() => parseOffsets('7d,3x,1d', '--offsets'));
    expect(error.field).toBe('--offsets');
    expect(error.message).toContain('"3x"');
    expect(error.message).toContain('7d');
  });

  it('rejects months and minutes, which would be ambiguous or too fine', () => {
    expect(errorOf(() => parseOffsets('P1M', 'offsets')).message).toContain('"P1M"');
    expect(errorOf(() => parseOffsets('PT30M', 'offsets')).message).toContain('"PT30M"');
    expect(errorOf(() => parseOffsets('1m', 'offsets')).message).toContain('"1m"');
  });

  it('rejects negative, bare and empty values', () => {
    expect(errorOf(() => parseOffsets('-1d', 'offsets')).message).toContain('"-1d"');
    expect(errorOf(() => parseOffsets('P', 'offsets')).message).toContain('"P"');
    expect(errorOf(() => parseOffsets('P7DT', 'offsets')).message).toContain('"P7DT"');
    expect(errorOf(() => parseOffsets('7', 'offsets')).message).toContain('"7"');
    expect(errorOf(() => parseOffsets('', 'offsets')).message).toContain('is empty');
    expect(errorOf(() => parseOffsets('7d,,1d', 'offsets')).message).toContain('empty item');
  });

  it('rejects offsets more than a year ahead', () => {
    expect(parseOffsets('366d', 'offsets')).toEqual(['P366D']);
    expect(errorOf(() => parseOffsets('367d', 'offsets')).message).toContain('"367d"');
    expect(errorOf(() => parseOffsets('53w', 'offsets')).message).toContain('"53w"');
  });
});

describe('parseOverdueEvery', () => {
  it('accepts whole days and weeks', () => {
    expect(parseOverdueEvery('P7D', 'overdueEvery')).toBe(7);
    expect(parseOverdueEvery('2w', 'overdueEvery')).toBe(14);
    expect(parseOverdueEvery('1d', 'overdueEvery')).toBe(1);
  });

  it('rejects hours and zero', () => {
    expect(errorOf(() => parseOverdueEvery('12h', 'overdueEvery')).message).toContain('whole days');
    expect(errorOf(() => parseOverdueEvery('0d', 'overdueEvery')).message).toContain('from 1');
  });
});

describe('validatePolicy', () => {
  it('normalises offsets and fills the default minute', () => {
    const { morningMinute: _, ...withoutMinute } = defaultReminderPolicy;
    expect(validatePolicy({ ...withoutMinute, offsets: ['1w', '0d'] })).toEqual({ ...defaultReminderPolicy, offsets: ['P7D', 'P0D'] });
  });

  it('rejects a morning hour outside 0..23 and an overdue count below 0', () => {
    expect(errorOf(() => validatePolicy({ ...defaultReminderPolicy, morningHour: 24 })).message).toContain('0 to 23');
    expect(errorOf(() => validatePolicy({ ...defaultReminderPolicy, morningMinute: 60 })).message).toContain('0 to 59');
    expect(errorOf(() => validatePolicy({ ...defaultReminderPolicy, overdueMax: -1 })).message).toContain('overdueMax');
  });
});

describe('resolvePolicy', () => {
  const global = { ...defaultReminderPolicy, morningHour: 8 };

  it('uses the global offsets when neither the issue nor the deadline sets any', () => {
    expect(resolvePolicy(global)).toEqual(global);
    expect(resolvePolicy(global, null, null)).toEqual(global);
  });

  it("lets the issue's offsets replace the global ones", () => {
    expect(resolvePolicy(global, ['3d'], null)).toEqual({ ...global, offsets: ['P3D'] });
  });

  it("lets the deadline's offsets win over the issue's", () => {
    expect(resolvePolicy(global, ['3d'], ['P14D', '2h'])).toEqual({ ...global, offsets: ['P14D', 'PT2H'] });
  });

  it('treats an empty list as a deliberate "no reminders before", not as unset', () => {
    expect(resolvePolicy(global, ['3d'], []).offsets).toEqual([]);
  });

  it('names the level whose offsets are wrong', () => {
    expect(errorOf(() => resolvePolicy(global, ['3d'], ['soon'])).field).toBe('deadline offsets');
  });
});
