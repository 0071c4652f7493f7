// Every environment variable Docket reads, where it lands in the config, and what it means.
// .env.example is checked against this list by test/config.test.ts, so the two cannot drift.

export type EnvKind = 'string' | 'int' | 'bool' | 'list' | 'nullable';

export interface EnvKey {
  name: string;
  path: string; // dotted path into the config object
  kind: EnvKind;
  help: string;
}

export const envKeys: readonly EnvKey[] = [
  { name: 'DATABASE_URL', path: 'databaseUrl', kind: 'string', help: 'file:./data/docket.db (SQLite, default) or postgresql://user@host:5432/docket' },
  { name: 'DOCKET_DATA_DIR', path: 'dataDir', kind: 'string', help: 'folder for the SQLite file and the outbox' },
  { name: 'DOCKET_DEFAULT_ZONE', path: 'defaultZone', kind: 'string', help: 'IANA zone used when --zone is not given' },
  { name: 'DOCKET_REMINDER_OFFSETS', path: 'reminders.offsets', kind: 'list', help: 'reminders before the due moment, e.g. 7d,1d,0d (0d = on the due day)' },
  { name: 'DOCKET_MORNING_HOUR', path: 'reminders.morningHour', kind: 'int', help: 'hour (0-23) in the subscriber\'s zone at which day reminders and digests go out' },
  { name: 'DOCKET_OVERDUE_EVERY', path: 'reminders.overdueEvery', kind: 'string', help: 'repeat overdue alerts this often (ISO duration, e.g. P7D)' },
  { name: 'DOCKET_OVERDUE_MAX', path: 'reminders.overdueMax', kind: 'int', help: 'at most this many overdue alerts per deadline (0 = none)' },
  { name: 'DOCKET_CATCH_UP', path: 'reminders.catchUp', kind: 'string', help: 'after downtime: latest (send only the newest missed reminder), all, or none' },
  { name: 'DOCKET_MIN_LEAD', path: 'reminders.minLead', kind: 'string', help: 'an instant deadline\'s due-day reminder goes at least this long before it, else the morning before (ISO duration up to a day, e.g. PT2H)' },
  { name: 'DOCKET_KEEP_ALERTS', path: 'reminders.keepAlerts', kind: 'string', help: 'sent, skipped and failed alert rows older than this are deleted by the scheduler (ISO duration, e.g. P400D)' },
  { name: 'DOCKET_LATE_AFTER_MINUTES', path: 'reminders.lateAfterMinutes', kind: 'int', help: 'a reminder sent this long after its moment is marked "sent late"' },
  { name: 'DOCKET_SCHEDULER', path: 'scheduler.enabled', kind: 'bool', help: 'run the scheduler in `docket serve` (true/false)' },
  { name: 'DOCKET_CRON', path: 'scheduler.cron', kind: 'string', help: 'how often the scheduler ticks (node-cron expression, seconds field allowed)' },
  { name: 'DOCKET_BATCH_SIZE', path: 'scheduler.batchSize', kind: 'int', help: 'alerts claimed per batch' },
  { name: 'DOCKET_LEASE_SECONDS', path: 'scheduler.leaseSeconds', kind: 'int', help: 'a claim not finished within this long is retried by another tick' },
  { name: 'DOCKET_MAX_ATTEMPTS', path: 'scheduler.maxAttempts', kind: 'int', help: 'transient SMTP failures are retried up to this many attempts' },
  { name: 'DOCKET_RETRY_BASE_SECONDS', path: 'scheduler.retryBaseSeconds', kind: 'int', help: 'first retry delay; doubles each attempt, with jitter' },
  { name: 'DOCKET_CHANNEL_TIMEOUT_MS', path: 'scheduler.channelTimeoutMs', kind: 'int', help: 'give up on a webhook, Slack or Teams POST after this long (default 15 s)' },
  { name: 'DOCKET_MAIL_TRANSPORT', path: 'mail.transport', kind: 'string', help: 'auto (SMTP when SMTP_URL is set, else the outbox folder), smtp, outbox, or log (log each message as JSON, send nothing: for dry runs)' },
  { name: 'SMTP_URL', path: 'mail.smtpUrl', kind: 'nullable', help: 'smtp://user:pass@host:587 or smtps://…; unset = write .eml files to the outbox folder' },
  { name: 'MAIL_FROM', path: 'mail.from', kind: 'string', help: 'From: address of every email' },
  { name: 'DOCKET_ADMIN_EMAIL', path: 'mail.adminEmail', kind: 'nullable', help: 'the admin told once when a channel is disabled, and at most hourly of new inbox candidates and of watched feeds failing for 24 h (unset = nobody is emailed)' },
  { name: 'DOCKET_OUTBOX_DIR', path: 'mail.outboxDir', kind: 'string', help: 'where .eml files go when SMTP_URL is unset' },
  { name: 'DOCKET_TEMPLATES_DIR', path: 'mail.templatesDir', kind: 'nullable', help: 'folder of email templates that override the defaults by file name' },
  { name: 'DOCKET_SMTP_POOL', path: 'mail.pool', kind: 'bool', help: 'keep SMTP connections open between messages' },
  { name: 'DOCKET_SMTP_MAX_CONNECTIONS', path: 'mail.maxConnections', kind: 'int', help: 'pooled SMTP connections' },
  { name: 'DOCKET_SMTP_CONNECTION_TIMEOUT_MS', path: 'mail.connectionTimeoutMs', kind: 'int', help: 'give up connecting to SMTP after this long' },
  { name: 'DOCKET_SMTP_GREETING_TIMEOUT_MS', path: 'mail.greetingTimeoutMs', kind: 'int', help: 'give up waiting for the SMTP greeting after this long' },
  { name: 'DOCKET_SMTP_SOCKET_TIMEOUT_MS', path: 'mail.socketTimeoutMs', kind: 'int', help: 'give up on a silent SMTP connection after this long' },
  { name: 'DOCKET_DKIM_DOMAIN', path: 'mail.dkim.domain', kind: 'nullable', help: 'DKIM-sign every email for this domain (d=); set together with DOCKET_DKIM_SELECTOR and DOCKET_DKIM_PRIVATE_KEY_FILE' },
  { name: 'DOCKET_DKIM_SELECTOR', path: 'mail.dkim.selector', kind: 'nullable', help: 'DKIM selector (s=): the public key is published as TXT at <selector>._domainkey.<domain>' },
  { name: 'DOCKET_DKIM_PRIVATE_KEY_FILE', path: 'mail.dkim.privateKeyFile', kind: 'nullable', help: 'path of the PEM RSA private key used for DKIM (a file, so the key never sits in the environment)' },
  { name: 'DOCKET_WEB', path: 'web.enabled', kind: 'bool', help: 'run the web server in `docket serve` (true/false)' },
  { name: 'PORT', path: 'web.port', kind: 'int', help: 'HTTP port' },
  { name: 'DOCKET_HOST', path: 'web.host', kind: 'string', help: 'HTTP listen address' },
  { name: 'BASE_URL', path: 'web.baseUrl', kind: 'nullable', help: 'public URL of the web pages, used in every email link; unset = http://<DOCKET_HOST, or localhost>:<PORT>' },
  { name: 'DOCKET_SECRET', path: 'web.secret', kind: 'nullable', help: 'signs unsubscribe/manage/confirm links; unset = generated once and kept in the store (Meta table), so every process on the same database signs alike' },
  { name: 'DOCKET_TRUST_PROXY', path: 'web.trustProxy', kind: 'string', help: 'behind a reverse proxy: false (default), true (trust X-Forwarded-For fully), or the proxies\' addresses/CIDRs (e.g. 10.0.0.0/8,127.0.0.1); client IPs drive the per-IP limits' },
  { name: 'DOCKET_SUBSCRIBE_PER_HOUR', path: 'web.subscribePerHour', kind: 'int', help: 'subscribe-form posts accepted per client IP per hour' },
  { name: 'DOCKET_ADMIN_TOKEN', path: 'web.adminToken', kind: 'nullable', help: 'bearer token for the admin API; unset = admin API disabled' },
  { name: 'DOCKET_IMPORT_MAX_MB', path: 'import.maxMb', kind: 'int', help: '`docket import` refuses files larger than this many megabytes' },
  { name: 'LOG_LEVEL', path: 'logLevel', kind: 'string', help: 'fatal, error, warn, info, debug or trace' },
];

/** Not config: read directly by the process (the clock in src/clock.ts, the CLI actor in src/cli/context.ts). */
export const processEnvKeys = [
  { name: 'DOCKET_ACTOR', help: 'who the CLI records as the actor in history (default: cli:$USER)' },
  { name: 'DOCKET_NOW', help: 'act as if it were this ISO instant (replaying a past case); the clock runs on from there' },
  { name: 'DOCKET_CLOCK_RATE', help: 'with DOCKET_NOW: how many seconds of Docket time pass per real second (default 1)' },
] as const;
