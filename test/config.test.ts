import { readFileSync } from 'node:fs';
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
});
