import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockFromEnv } from '../src/clock.js';
import { envKeys, processEnvKeys } from '../src/config/env-keys.js';
import { loadConfig } from '../src/config/load-config.js';
import { AppError } from '../src/errors.js';

function configError(env: Record<string, string>): AppError {
  try {
    loadConfig({ env, cwd: '/srv/docket' });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a config error');
}

describe('config', () => {
  it('defaults give a working SQLite setup in ./data, resolved against the working directory', () => {
    const config = loadConfig({ env: {}, cwd: '/srv/docket' });
    expect(config.databaseUrl).toBe('file:/srv/docket/data/docket.db');
    expect(config.mail.outboxDir).toBe('/srv/docket/data/outbox');
    expect(config.reminders.morningHour).toBe(9);
    expect(config.mail.smtpUrl).toBeNull();
  });

  it('environment variables override the defaults, with types converted', () => {
    const config = loadConfig({
      env: { DOCKET_MORNING_HOUR: '7', DOCKET_REMINDER_OFFSETS: '14d, 2d ,0d', DOCKET_WEB: 'false', SMTP_URL: 'smtp://mail.example.org:587', BASE_URL: 'https://docket.example.org/' },
      cwd: '/srv/docket',
    });
    expect(config.reminders.morningHour).toBe(7);
    expect(config.reminders.offsets).toEqual(['14d', '2d', '0d']);
    expect(config.web.enabled).toBe(false);
    expect(config.mail.smtpUrl).toBe('smtp://mail.example.org:587');
    expect(config.web.baseUrl).toBe('https://docket.example.org');
  });

  it.each([
    [{ DOCKET_MORNING_HOUR: '25' }, 'DOCKET_MORNING_HOUR', '25'],
    [{ DOCKET_MORNING_HOUR: 'nine' }, 'DOCKET_MORNING_HOUR', '"nine"'],
    [{ DOCKET_DEFAULT_ZONE: 'Mars/Olympus' }, 'DOCKET_DEFAULT_ZONE', '"Mars/Olympus"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', '"mysql://x"'],
    [{ DOCKET_CATCH_UP: 'sometimes' }, 'DOCKET_CATCH_UP', '"sometimes"'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL', '"http://mail"'],
    [{ DOCKET_WEB: 'maybe' }, 'DOCKET_WEB', '"maybe"'],
  ])('a bad value (%o) is refused with a message naming the variable and the value', (env, name, shown) => {
    const error = configError(env);
    expect(error.code).toBe('validation');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(name);
    expect(error.message).toContain(shown);
  });

  it('.env.example lists every variable Docket reads', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const key of [...envKeys, ...processEnvKeys]) expect(example).toMatch(new RegExp(`^# ${key.name}=`, 'm'));
  });

  it('DOCKET_NOW starts the clock at that instant and it runs on from there', () => {
    const clock = clockFromEnv({ DOCKET_NOW: '2020-05-12T18:38:00+09:00' });
    const first = clock.now().getTime();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2020-05-12T09:38:00Z'));
    expect(first).toBeLessThan(Date.parse('2020-05-12T09:38:01Z'));
    expect(() => clockFromEnv({ DOCKET_NOW: '2020-05-12' })).toThrow(/DOCKET_NOW "2020-05-12" is not an ISO 8601 instant with an offset/);
    expect(() => clockFromEnv({ DOCKET_NOW: '2020-05-12T00:00:00Z', DOCKET_CLOCK_RATE: '-1' })).toThrow(/DOCKET_CLOCK_RATE/);
  });

  // Issue 16: each of these passed start-up (or failed with zod's own words) and broke later.
  it.each([
    [{ DOCKET_OVERDUE_EVERY: 'PT1H' }, 'DOCKET_OVERDUE_EVERY="PT1H": must be at least one day, e.g. P7D'],
    [{ DOCKET_OVERDUE_EVERY: 'P1M' }, 'DOCKET_OVERDUE_EVERY="P1M": must be a number of days or weeks, e.g. P7D (P1M and other months are not fixed lengths)'],
    [{ DOCKET_OVERDUE_EVERY: 'P400D' }, 'DOCKET_OVERDUE_EVERY="P400D": must be at most 366 days, e.g. P7D'],
    [{ DOCKET_REMINDER_OFFSETS: '7days,1day' }, 'DOCKET_REMINDER_OFFSETS="7days,1day": has "7days", which is not an offset: use days (7d), weeks (1w) or hours (2h), or ISO durations such as P7D or PT2H; e.g. 7d,1d,0d'],
    [{ DOCKET_REMINDER_OFFSETS: '30m' }, 'DOCKET_REMINDER_OFFSETS="30m": has "30m", which is not an offset'],
    [{ DOCKET_REMINDER_OFFSETS: 'P1M' }, 'DOCKET_REMINDER_OFFSETS="P1M": has "P1M", which is not an offset'],
    [{ PORT: 'abc' }, 'PORT="abc": must be a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT=70000: must be a whole number from 0 to 65535'],
    [{ BASE_URL: 'docket.example.org' }, 'BASE_URL="docket.example.org": must be a full URL with http:// or https://, e.g. https://docket.example.org'],
    [{ BASE_URL: 'ftp://docket.example.org' }, 'BASE_URL="ftp://docket.example.org": must start with http:// or https://'],
    [{ DOCKET_DEFAULT_ZONE: 'Asia/Seol' }, 'DOCKET_DEFAULT_ZONE="Asia/Seol": must be an IANA time zone, e.g. UTC or Asia/Seoul'],
    [{ DOCKET_DEFAULT_ZONE: '+09:00' }, 'DOCKET_DEFAULT_ZONE="+09:00": must be an IANA time zone'],
    [{ DOCKET_CATCH_UP: 'sometimes' }, 'DOCKET_CATCH_UP="sometimes": must be one of latest, all, none'],
    [{ DOCKET_WEB: 'maybe' }, 'DOCKET_WEB="maybe": must be true or false'],
    [{ DOCKET_MIN_LEAD: '2 hours' }, 'DOCKET_MIN_LEAD="2 hours": must be an ISO 8601 duration, e.g. PT2H'],
    [{ DOCKET_KEEP_ALERTS: 'PT1H' }, 'DOCKET_KEEP_ALERTS="PT1H": must be at least P1D, e.g. P400D'],
    [{ DOCKET_IMPORT_MAX_MB: '0' }, 'DOCKET_IMPORT_MAX_MB=0: must be a whole number from 1 to 10000'],
    [{ DOCKET_SECRET: 'short' }, 'DOCKET_SECRET="short": must be at least 16 characters'],
  ])('%o is refused at start in one form: NAME="value": what is wrong', (env, message) => {
    const error = configError(env);
    expect(error.exitCode).toBe(2);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('values a config file sets are checked the same way and named by their key', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-config-'));
    writeFileSync(path.join(dir, 'docket.json'), JSON.stringify({ reminders: { overdueEvery: 'PT6H' } }));
    const error = configError({ DOCKET_CONFIG: path.join(dir, 'docket.json') });
    expect(error.message).toBe('DOCKET_OVERDUE_EVERY="PT6H": must be at least one day, e.g. P7D');
  });

  it('without BASE_URL, email links follow the listen address and PORT', () => {
    expect(loadConfig({ env: { PORT: '18478' }, cwd: '/srv/docket' }).web.baseUrl).toBe('http://localhost:18478');
    expect(loadConfig({ env: { PORT: '18478', DOCKET_HOST: '127.0.0.1' }, cwd: '/srv/docket' }).web.baseUrl).toBe('http://127.0.0.1:18478');
    expect(loadConfig({ env: { PORT: '18478', BASE_URL: 'https://docket.example.org/' }, cwd: '/srv/docket' }).web.baseUrl).toBe('https://docket.example.org');
  });

  it('DOCKET_MIN_LEAD, DOCKET_KEEP_ALERTS and DOCKET_IMPORT_MAX_MB have their defaults', () => {
    const config = loadConfig({ env: {}, cwd: '/srv/docket' });
    expect(config.reminders.minLead).toBe('PT2H');
    expect(config.reminders.keepAlerts).toBe('P400D');
    expect(config.import.maxMb).toBe(50);
  });
});
