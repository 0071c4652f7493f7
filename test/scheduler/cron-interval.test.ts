import { describe, expect, it } from 'vitest';
import { cronIntervalMs } from '../../src/scheduler/scheduler.js';

describe('cronIntervalMs', () => {
  it('is the gap between fires of a regular schedule', () => {
    expect(cronIntervalMs('* * * * *')).toBe(60_000);
    expect(cronIntervalMs('*/10 * * * * *')).toBe(10_000);
    expect(cronIntervalMs('*/5 * * * *')).toBe(300_000);
  });

  it('is the widest gap of an irregular one, so its long gap does not look late', () => {
    expect(cronIntervalMs('0 9,17 * * *')).toBe(16 * 3_600_000);
  });

  it('names the variable and the value when the expression is invalid', () => {
    expect(() => cronIntervalMs('every minute')).toThrow(/DOCKET_CRON.*every minute/);
  });
});
