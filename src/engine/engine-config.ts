// The slice of config the alert engine reads, resolved once (offsets normalised, durations in ms).
import { Duration } from 'luxon';
import { parseOffsets, type ReminderPolicy } from '../alerts/reminder-policy.js';
import type { CatchUpPolicy } from '../alerts/catch-up.js';
import type { Config } from '../config/load-config.js';

export interface EngineSettings {
  policy: ReminderPolicy;
  catchUp: CatchUpPolicy;
  lateAfterMs: number;
  batchSize: number;
  /** Sent, skipped and failed rows older than this are pruned (DOCKET_KEEP_ALERTS). */
  keepAlertsMs: number;
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
  /** Give up on a channel's POST after this long. */
  channelTimeoutMs: number;
  /** Told once when a channel is disabled (DOCKET_ADMIN_EMAIL); null = nobody. */
  adminEmail: string | null;
}

export function engineSettings(config: Config): EngineSettings {
  return {
    policy: {
      offsets: parseOffsets(config.reminders.offsets, 'DOCKET_REMINDER_OFFSETS'),
      morningHour: config.reminders.morningHour,
      overdueEvery: config.reminders.overdueEvery,
      overdueMax: config.reminders.overdueMax,
      // Both checked at start (load-config); luxon reads the ISO durations.
      minLeadMinutes: Math.round(Duration.fromISO(config.reminders.minLead).as('minutes')),
    },
    catchUp: config.reminders.catchUp,
    lateAfterMs: config.reminders.lateAfterMinutes * 60_000,
    batchSize: config.scheduler.batchSize,
    keepAlertsMs: Duration.fromISO(config.reminders.keepAlerts).as('milliseconds'),
    leaseMs: config.scheduler.leaseSeconds * 1000,
    maxAttempts: config.scheduler.maxAttempts,
    retryBaseMs: config.scheduler.retryBaseSeconds * 1000,
    concurrency: config.mail.smtpUrl && config.mail.pool ? config.mail.maxConnections : 1,
    baseUrl: config.web.baseUrl,
    from: config.mail.from,
    templatesDir: config.mail.templatesDir,
    host: new URL(config.web.baseUrl).hostname,
    channelTimeoutMs: config.scheduler.channelTimeoutMs,
    adminEmail: config.mail.adminEmail,
  };
}

