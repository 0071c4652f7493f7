// The slice of config the alert engine reads, resolved once (offsets normalised, durations in ms).
import { maxMinLeadMinutes, offsetHours, parseOffsets, readOffset, type ReminderPolicy } from '../alerts/reminder-policy.js';
import { invalid } from '../errors.js';
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
}

export function engineSettings(config: Config): EngineSettings {
  return {
    policy: {
      offsets: parseOffsets(config.reminders.offsets, 'DOCKET_REMINDER_OFFSETS'),
      morningHour: config.reminders.morningHour,
      overdueEvery: config.reminders.overdueEvery,
      overdueMax: config.reminders.overdueMax,
      minLeadMinutes: minLeadMinutes(config.reminders.minLead),
    },
    catchUp: config.reminders.catchUp,
    lateAfterMs: config.reminders.lateAfterMinutes * 60_000,
    batchSize: config.scheduler.batchSize,
    keepAlertsMs: keepAlertsDays(config.scheduler.keepAlerts) * 86_400_000,
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

function minLeadMinutes(value: string): number {
  const offset = readOffset(value);
  if (!offset || offsetHours(offset) * 60 > maxMinLeadMinutes) throw invalid('DOCKET_MIN_LEAD', value, 'must be hours or days up to one day, e.g. PT2H');
  return offsetHours(offset) * 60;
}

/** Whole days, at least one: a row is never pruned while its deadline's reminders can still refer to it. */
function keepAlertsDays(value: string): number {
  const offset = readOffset(value);
  if (!offset || offset.hours !== 0 || offset.days < 1) throw invalid('DOCKET_KEEP_ALERTS', value, 'must be whole days, at least one, e.g. P400D');
  return offset.days;
}
