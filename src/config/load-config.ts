// Config is read once at start: config/default.json, then an optional DOCKET_CONFIG JSON file, then the
// environment. The result is validated into a typed object and passed down; nothing else reads env.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { AppError, quote } from '../errors.js';
import { readDkimKey } from './dkim-key.js';
import { envKeys, type EnvKey } from './env-keys.js';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const hour = z.number().int().min(0).max(23);
const positive = z.number().int().positive();
const dnsLabels = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const isoDuration = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'an ISO 8601 duration such as P7D or PT2H');

const configSchema = z.strictObject({
  databaseUrl: z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'a file:… (SQLite) or postgresql://… URL'),
  dataDir: z.string().min(1),
  defaultZone: z.string().refine((zone) => isZone(zone), 'an IANA time zone such as UTC or Asia/Seoul'),
  reminders: z.strictObject({
    offsets: z.array(z.string().regex(/^(P(\d+[WD])|PT?\d+[HM]|P0D|\d+[wdhm])$/i, 'offsets like 7d, 1d, 0d, 2h or P7D')),
    morningHour: hour,
    overdueEvery: isoDuration,
    overdueMax: z.number().int().min(0).max(52),
    catchUp: z.enum(['latest', 'all', 'none']),
    lateAfterMinutes: z.number().int().min(0),
  }),
  scheduler: z.strictObject({
    enabled: z.boolean(),
    cron: z.string().min(1),
    batchSize: positive.max(10_000),
    leaseSeconds: positive,
    maxAttempts: positive,
    retryBaseSeconds: positive,
  }),
  mail: z.strictObject({
    transport: z.enum(['auto', 'smtp', 'outbox', 'log']),
    smtpUrl: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').nullable(),
    from: z.string().min(3),
    outboxDir: z.string().min(1),
    templatesDir: z.string().nullable(),
    pool: z.boolean(),
    maxConnections: positive.max(100),
    connectionTimeoutMs: positive,
    greetingTimeoutMs: positive,
    socketTimeoutMs: positive,
    dkim: z
      .strictObject({
        domain: z.string().regex(dnsLabels, 'a domain name such as example.org').nullable(),
        selector: z.string().regex(dnsLabels, 'a DNS label such as docket or 2026a').nullable(),
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
    port: z.number().int().min(0).max(65535),
    host: z.string().min(1),
    baseUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
    secret: z.string().min(16, 'at least 16 characters').nullable(),
    adminToken: z.string().min(16, 'at least 16 characters').nullable(),
    trustProxy: z.string().transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) ctx.addIssue({ code: 'custom', message: 'must be false, true, or a comma-separated list of proxy addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8)' });
      return parsed ?? false;
    }),
    subscribePerHour: z.number().int().min(1).max(100_000),
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

export type Config = Omit<ParsedConfig, 'mail'> & { mail: Omit<ParsedConfig['mail'], 'dkim'> & { dkim: DkimSigning | null } };

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

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
    const dotted = issue.path.join('.');
    const envName = envKeys.find((key) => key.path === dotted)?.name;
    const value = getPath(raw, issue.path.map(String));
    const where = envName ? `${envName} (config key ${dotted})` : `config key ${dotted || '(root)'}`;
    throw new AppError('validation', `${where} = ${quote(value)}: ${issue.message}`, { field: envName ?? dotted, value });
  }
  return resolvePaths(parsed.data, cwd);
}

/** Relative paths are relative to where Docket was started, made absolute once so child processes agree. */
function resolvePaths(config: ParsedConfig, cwd: string): Config {
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
