// The slice of config the alert engine reads, resolved once (offsets normalised, durations in ms).
import { parseOffsets, type ReminderPolicy } from '../alerts/reminder-policy.js';
import type { CatchUpPolicy } from '../alerts/catch-up.js';
import type { Config } from '../config/load-config.js';

export interface EngineSettings {
  policy: ReminderPolicy;
  catchUp: CatchUpPolicy;
  lateAfterMs: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Parallel sends per batch (matches the SMTP pool so connections are kept busy). */
  concurrency: number;
  baseUrl: string;
  from: string;
  templatesDir: string | null;
  /** Host part for Message-IDs and calendar UIDs. */
  host: string;
}

export function engineSettings(config: Config): EngineSettings {
  return {
    policy: {
      offsets: parseOffsets(config.reminders.offsets, 'DOCKET_REMINDER_OFFSETS'),
      morningHour: config.reminders.morningHour,
      overdueEvery: config.reminders.overdueEvery,
      overdueMax: config.reminders.overdueMax,
    },
    catchUp: config.reminders.catchUp,
    lateAfterMs: config.reminders.lateAfterMinutes * 60_000,
    batchSize: config.scheduler.batchSize,
    leaseMs: config.scheduler.leaseSeconds * 1000,
    maxAttempts: config.scheduler.maxAttempts,
    retryBaseMs: config.scheduler.retryBaseSeconds * 1000,
    concurrency: config.mail.smtpUrl && config.mail.pool ? config.mail.maxConnections : 1,
    baseUrl: config.web.baseUrl,
    from: config.mail.from,
    templatesDir: config.mail.templatesDir,
    host: new URL(config.web.baseUrl).hostname,
  };
}
