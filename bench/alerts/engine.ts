// The real engine pointed at a benchmark sink: the same settings and pooled SMTP transport as the service
// (config/default.json: batch 200, pool with 5 connections, concurrency 5), only SMTP_URL differs.
import { loadConfig, type Config } from '../../src/config/load-config.js';
import type { EngineSettings } from '../../src/engine/engine-config.js';
import { runTick, type TickResult } from '../../src/engine/run-tick.js';
import { smtpMailer, type Mailer } from '../../src/mail/transport.js';
import type { Db } from '../../src/store/open-store.js';
import { testSecret, testSettings } from '../../test/support/engine-harness.js';

export interface BenchEngine {
  settings: EngineSettings;
  mail: Config['mail'];
  mailer: Mailer;
  secret: string;
  tick(db: Db, now: Date): Promise<TickResult>;
}

export function benchEngine(smtpUrl: string): BenchEngine {
  const env = { SMTP_URL: smtpUrl, DOCKET_SECRET: testSecret };
  const settings = testSettings(env);
  const mail = loadConfig({ env }).mail;
  const mailer = smtpMailer(mail);
  return {
    settings,
    mail,
    mailer,
    secret: testSecret,
    tick: (db, now) => runTick({ now, db, mailer, settings, secret: testSecret, random: () => 0.5 }),
  };
}
