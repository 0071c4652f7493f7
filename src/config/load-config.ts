// Config is read once at start: config/default.json, then an optional DOCKET_CONFIG JSON file, then the
// environment. The result is validated into a typed object and passed down; nothing else reads env.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { AppError } from '../errors.js';
import { Duration } from 'luxon';
import { checkBaseUrl, checkDuration, checkOffsets, checkOverdueEvery, checkZone, configError, defaultBaseUrl } from './check-values.js';
import { readDkimKey } from './dkim-key.js';
import { envKeys, type EnvKey } from './env-keys.js';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A whole number in [min, max], with one message for every way of missing it. */
function whole(min: number, max = Number.MAX_SAFE_INTEGER) {
  const message = max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}
const hour = whole(0, 23);
const positive = whole(1);
const dnsLabels = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const configSchema = z.strictObject({
  databaseUrl: z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must be a file:… (SQLite) or postgresql://… URL, e.g. file:./data/docket.db'),
  dataDir: z.string().min(1),
  // Zones, offsets, durations and BASE_URL are read by the domain's own parsers in checkValues below.
  defaultZone: z.string(),
  reminders: z.strictObject({
    offsets: z.array(z.string()),
    morningHour: hour,
    overdueEvery: z.string(),
    minLead: z.string(),
    keepAlerts: z.string(),
    overdueMax: whole(0, 52),
    catchUp: z.enum(['latest', 'all', 'none']),
    lateAfterMinutes: whole(0),
  }),
  scheduler: z.strictObject({
    enabled: z.boolean(),
    cron: z.string().min(1),
    batchSize: whole(1, 10_000),
    leaseSeconds: positive,
    maxAttempts: positive,
    retryBaseSeconds: positive,
  }),
  mail: z.strictObject({
    transport: z.enum(['auto', 'smtp', 'outbox', 'log']),
    smtpUrl: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587').nullable(),
    from: z.string().min(3),
    adminEmail: z.string().regex(/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/, 'must be an email address, e.g. admin@example.org').nullable(),
    outboxDir: z.string().min(1),
    templatesDir: z.string().nullable(),
    pool: z.boolean(),
    maxConnections: whole(1, 100),
    connectionTimeoutMs: positive,
    greetingTimeoutMs: positive,
    socketTimeoutMs: positive,
    dkim: z
      .strictObject({
        domain: z.string().regex(dnsLabels, 'must be a domain name, e.g. example.org').nullable(),
        selector: z.string().regex(dnsLabels, 'must be a DNS label, e.g. docket or 2026a').nullable(),
        privateKeyFile: z.string().min(1).nullable(),
      })
      .superRefine((dkim, ctx) => {
        // Half a DKIM setup would sign nothing (or fail every send): all three or none.
        const given = Object.values(dkim).some((value) => value !== null);
        for (const [key, value] of Object.entries(dkim)) {
          if (given && value === null) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when any DOCKET_DKIM_* variable is set (set DOCKET_DKIM_DOMAIN, DOCKET_DKIM_SELECTOR and DOCKET_DKIM_PRIVATE_KEY_FILE together)' });
        }
      }),
  }),
  web: z.strictObject({
    enabled: z.boolean(),
    port: whole(0, 65535),
    host: z.string().min(1),
    // null: the listen address and PORT (see defaultBaseUrl), so links work on a first start on any port.
    baseUrl: z.string().nullable(),
    secret: z.string().min(16, 'must be at least 16 characters, e.g. the output of `openssl rand -base64 32`').nullable(),
    adminToken: z.string().min(16, 'must be at least 16 characters, e.g. the output of `openssl rand -base64 32`').nullable(),
    trustProxy: z.string().transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) ctx.addIssue({ code: 'custom', message: 'must be false, true, or a comma-separated list of proxy addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8)' });
      return parsed ?? false;
    }),
    subscribePerHour: whole(1, 100_000),
  }),
  import: z.strictObject({
    maxMb: whole(1, 10_000),
  }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

type ParsedConfig = z.infer<typeof configSchema>;

/**
 * DOCKET_TRUST_PROXY, as Fastify's trustProxy takes it: false (default: the client is whoever connected),
 * true (believe X-Forwarded-For entirely: only when nothing can reach Docket but the proxy), or the
 * proxies' addresses / CIDR ranges. null when it is none of these. (No hop count: Fastify 5 ignores one,
 * since it cannot check the immediate peer.)
 */
export function parseTrustProxy(value: string): boolean | string[] | null {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const entries = text.split(',').map((entry) => entry.trim());
  const isProxy = (entry: string) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    return family !== 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)));
  };
  return entries.every(isProxy) ? entries : null;
}

/** DKIM as nodemailer's `dkim` option wants it, with the key already read and checked. */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
  privateKeyFile: string;
}

export type Config = Omit<ParsedConfig, 'mail' | 'web'> & {
  mail: Omit<ParsedConfig['mail'], 'dkim'> & { dkim: DkimSigning | null };
  web: Omit<ParsedConfig['web'], 'baseUrl'> & { baseUrl: string };
};

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const raw = readJson(path.join(packageRoot, 'config', 'default.json'), 'config/default.json');
  if (env.DOCKET_CONFIG) mergeInto(raw, readJson(path.resolve(cwd, env.DOCKET_CONFIG), `DOCKET_CONFIG file ${env.DOCKET_CONFIG}`));
  for (const key of envKeys) {
    const value = env[key.name];
    if (value !== undefined && value !== '') setPath(raw, key.path, fromEnv(key, value));
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw configError(issue.path.join('.'), getPath(raw, issue.path.map(String)), describeIssue(issue));
  }
  return resolvePaths(checkValues(parsed.data), cwd);
}

function checkValues(config: ParsedConfig): ParsedConfig & { web: { baseUrl: string } } {
  checkZone('defaultZone', config.defaultZone);
  checkOffsets(config.reminders.offsets);
  checkOverdueEvery(config.reminders.overdueEvery);
  checkDuration('reminders.minLead', config.reminders.minLead, { min: Duration.fromMillis(0), max: Duration.fromObject({ days: 1 }), example: 'PT2H' });
  checkDuration('reminders.keepAlerts', config.reminders.keepAlerts, { min: Duration.fromObject({ days: 1 }), max: Duration.fromObject({ days: 36_600 }), example: 'P400D' });
  const baseUrl = config.web.baseUrl === null ? defaultBaseUrl(config.web.host, config.web.port) : checkBaseUrl(config.web.baseUrl);
  return { ...config, web: { ...config.web, baseUrl } };
}

/** zod's issue as the second half of `NAME="value": …`, naming what a good value looks like. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'invalid_type':
      if (issue.message.startsWith('must')) return issue.message;
      if (issue.expected === 'boolean') return 'must be true or false';
      return `must be ${issue.expected === 'array' ? 'a comma-separated list' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.message.startsWith('must') ? issue.message : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has unknown keys ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** Relative paths are relative to where Docket was started, made absolute once so child processes agree. */
function resolvePaths(config: ParsedConfig & { web: { baseUrl: string } }, cwd: string): Config {
  const databaseUrl = config.databaseUrl.startsWith('file:')
    ? `file:${path.resolve(cwd, config.databaseUrl.slice('file:'.length))}`
    : config.databaseUrl;
  return {
    ...config,
    databaseUrl,
    dataDir: path.resolve(cwd, config.dataDir),
    mail: {
      ...config.mail,
      outboxDir: path.resolve(cwd, config.mail.outboxDir),
      templatesDir: config.mail.templatesDir === null ? null : path.resolve(cwd, config.mail.templatesDir),
      dkim: dkimSigning(config.mail.dkim, cwd),
    },
  };
}

function dkimSigning(dkim: ParsedConfig['mail']['dkim'], cwd: string): DkimSigning | null {
  if (dkim.domain === null || dkim.selector === null || dkim.privateKeyFile === null) return null;
  const privateKeyFile = path.resolve(cwd, dkim.privateKeyFile);
  return { domainName: dkim.domain.toLowerCase(), keySelector: dkim.selector, privateKey: readDkimKey(privateKeyFile), privateKeyFile };
}

function fromEnv(key: EnvKey, value: string): unknown {
  switch (key.kind) {
    case 'int':
      return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    case 'bool':
      if (/^(1|true|yes|on)$/i.test(value)) return true;
      if (/^(0|false|no|off)$/i.test(value)) return false;
      return value;
    case 'list':
      return value.split(',').map((part) => part.trim()).filter(Boolean);
    default:
      return value;
  }
}

function readJson(file: string, label: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new AppError('validation', `${label} could not be read as JSON: ${(error as Error).message}`, { field: 'DOCKET_CONFIG', cause: error });
  }
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isRecord(current) && isRecord(value)) mergeInto(current, value);
    else target[key] = value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

function getPath(target: unknown, parts: string[]): unknown {
  return parts.reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), target);
}
