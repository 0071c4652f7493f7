// Wires the real engine to a test database and a real SMTP sink, with ticks at chosen instants.
import { loadConfig } from '../../src/config/load-config.js';
import { engineSettings, type EngineSettings } from '../../src/engine/engine-config.js';
import { runTick, type TickResult } from '../../src/engine/run-tick.js';
import { smtpMailer, type Mailer } from '../../src/mail/transport.js';
import type { Db } from '../../src/store/open-store.js';
import type { SmtpSink } from './smtp-sink.js';

export const testSecret = 'test-secret-that-is-long-enough-0123456789';

export function testSettings(env: Record<string, string> = {}): EngineSettings {
  return engineSettings(loadConfig({ env: { DOCKET_SECRET: testSecret, BASE_URL: 'http://docket.test', ...env } }));
}

export function testMailer(sink: SmtpSink, env: Record<string, string> = {}): Mailer {
  const config = loadConfig({ env: { SMTP_URL: sink.url, DOCKET_SECRET: testSecret, ...env } });
  return smtpMailer(config.mail);
}

export interface Harness {
  tick(at: Date | string): Promise<TickResult>;
  settings: EngineSettings;
  mailer: Mailer;
}

export function harness(db: Db, sink: SmtpSink, env: Record<string, string> = {}): Harness {
  const settings = testSettings({ SMTP_URL: sink.url, ...env });
  const mailer = testMailer(sink, env);
  return {
    settings,
    mailer,
    tick: (at) => runTick({ now: typeof at === 'string' ? new Date(at) : at, db, mailer, settings, secret: testSecret, random: () => 0.5 }),
  };
}
