// `docket doctor`: every check an operator would otherwise do by hand, in order, each bounded by a
// timeout. The config comes first; the others need it, so a bad config is the only line.
import { loadConfig, type Config, type LoadConfigOptions } from '../config/load-config.js';
import { isAppError } from '../errors.js';
import { checkDkim, checkMail } from './check-mail.js';
import { checkBaseUrl, checkMailFrom, checkSecret, checkTrustProxy } from './check-settings.js';
import { checkStore } from './check-store.js';
import { fail, ok, type CheckResult } from './doctor-check.js';

export interface DoctorOptions extends LoadConfigOptions {
  now: Date;
  /** Per check. */
  timeoutMs: number;
}

export interface DoctorReport {
  ok: boolean;
  failed: number;
  warnings: number;
  checks: CheckResult[];
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const loaded = checkConfig(options);
  const checks = [loaded.result];
  if (loaded.config) {
    const { config } = loaded;
    // Store and SMTP wait on the network: run them side by side so doctor takes one timeout, not two.
    const facts: { linkSecret?: string | null } = {};
    const [store, mail, baseUrl] = await Promise.all([
      checkStore(config, { now: options.now, timeoutMs: options.timeoutMs }, facts),
      checkMail(config.mail, options.timeoutMs),
      checkBaseUrl(config, options.timeoutMs),
    ]);
    const optional = [checkDkim(config.mail), checkMailFrom(config)].filter((check) => check !== null);
    const proxy = checkTrustProxy(config);
    checks.push(...store, mail, ...optional, checkSecret(config, facts.linkSecret), baseUrl, ...(proxy ? [proxy] : []));
  }
  const failed = checks.filter((check) => check.status === 'fail').length;
  return { ok: failed === 0, failed, warnings: checks.filter((check) => check.status === 'warn').length, checks };
}

function checkConfig(options: LoadConfigOptions): { result: CheckResult; config?: Config } {
  try {
    const config = loadConfig(options);
    const mail = config.mail.smtpUrl && config.mail.transport !== 'outbox' ? 'SMTP' : config.mail.transport === 'log' ? 'log' : 'outbox';
    return { config, result: ok('config', `valid (${config.databaseUrl.startsWith('file:') ? 'SQLite' : 'PostgreSQL'} store, ${mail} mail, ticks on "${config.scheduler.cron}")`) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const what = error.field ? `set ${error.field} to a valid value` : 'correct it';
    return { result: fail('config', error.message, `${what} (.env.example lists every variable); Docket refuses to start until then, and the other checks need a valid config`) };
  }
}
