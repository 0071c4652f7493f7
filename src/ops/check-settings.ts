// Doctor's checks of settings that only go wrong in production: the link-signing secret (one per store
// unless DOCKET_SECRET is set; two in play break links), BASE_URL (every link in every email starts with
// it, so it must reach this server), the From: address, and trusting a proxy on a public address.
import type { Config } from '../config/load-config.js';
import { legacySecretFile, readLegacySecret } from '../store/link-secret.js';
import { fail, ok, warn, type CheckResult } from './doctor-check.js';

/**
 * `stored` is the secret in the store's Meta table (null: none yet; undefined: the store could not be
 * read). Two secrets in play — DOCKET_SECRET here and a generated one in the store, or an old secret file
 * that differs from the store's — means some process signs links the others refuse.
 */
export function checkSecret(config: Config, stored: string | null | undefined): CheckResult {
  const twoFix = 'set the same DOCKET_SECRET on every process that uses this database (service, cron `docket tick`, other instances), or unset it everywhere so all use the one in the store';
  if (config.web.secret) {
    if (stored && stored !== config.web.secret) return fail('secret', 'two secrets in play: DOCKET_SECRET differs from the secret generated in the store by a process that ran without it', twoFix);
    return ok('secret', 'DOCKET_SECRET is set');
  }
  const legacyFile = legacySecretFile(config.dataDir);
  const legacy = readLegacySecret(legacyFile);
  if (stored === undefined) return warn('secret', 'DOCKET_SECRET is not set and the store could not be read, so the generated secret was not checked', 'fix the store check above, then run doctor again');
  if (stored === null) {
    return warn('secret', `no secret yet: one is generated in the store on first start${legacy ? ` from ${legacyFile}` : ''}`, 'nothing to do; every process on this database will share it (or set DOCKET_SECRET everywhere)');
  }
  if (legacy && legacy !== stored) {
    return fail('secret', `two secrets in play: ${legacyFile} differs from the secret kept in the store (links signed with the file's are refused)`, `if emails already sent carry links signed with the file's secret, set DOCKET_SECRET to its content on every process; otherwise delete ${legacyFile}`);
  }
  return ok('secret', 'generated secret kept in the store: every process on this database signs links alike');
}

const localHosts = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|.*\.localhost)$/i;

/** What answers at BASE_URL/healthz: this Docket, something else, or nothing (not running, or no route). */
export async function probeHealth(baseUrl: string, timeoutMs: number): Promise<'docket' | 'other' | 'unreachable'> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
    return response.ok && body?.status === 'ok' ? 'docket' : 'other';
  } catch {
    return 'unreachable';
  }
}

export async function checkBaseUrl(config: Config, timeoutMs: number): Promise<CheckResult> {
  const base = config.web.baseUrl;
  const url = new URL(base);
  const local = localHosts.test(url.hostname);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (local && port !== config.web.port) {
    return fail('base-url', `BASE_URL ${base} names port ${port}, but Docket listens on PORT ${config.web.port}: every link in every email goes nowhere`, 'unset BASE_URL (it then follows DOCKET_HOST and PORT), or set it to the public address people reach Docket at, e.g. https://docket.example.org');
  }
  const reached = await probeHealth(base, timeoutMs);
  if (reached === 'other') {
    return fail('base-url', `${base}/healthz answers, but not as Docket does: links in emails reach another server`, 'set BASE_URL to the address of this Docket (a reverse proxy in front must pass every path through, /healthz included)');
  }
  const how = reached === 'docket' ? 'reaches this Docket' : 'could not be reached to check (fine while `docket serve` is not running)';
  if (local) {
    return warn('base-url', `BASE_URL is ${base} (${how}): links in emails (unsubscribe, manage, issue pages) will not work for recipients`, 'set BASE_URL to the public address people reach Docket at, e.g. https://docket.example.org');
  }
  if (url.protocol === 'http:') {
    return warn('base-url', `BASE_URL is ${base} (${how}): links carry signed tokens over plain HTTP`, 'serve Docket behind TLS and set BASE_URL to its https:// address');
  }
  if (reached === 'unreachable') return warn('base-url', `links in emails point to ${base}, which ${how}`, `check that ${base}/healthz reaches this Docket once it runs`);
  return ok('base-url', `links in emails point to ${base}, which ${how}`);
}

/** Mail sent by SMTP from docket@localhost fails DMARC alignment everywhere; it is only a default. */
export function checkMailFrom(config: Config): CheckResult | null {
  const smtp = config.mail.smtpUrl !== null && (config.mail.transport === 'auto' || config.mail.transport === 'smtp');
  if (!smtp) return null;
  const domain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1]?.toLowerCase() ?? '';
  if (domain === 'localhost' || domain.endsWith('.localhost') || domain === '') {
    return warn('mail-from', `MAIL_FROM is ${config.mail.from}: receiving servers reject or junk mail from a localhost address (it cannot pass SPF or DMARC)`, 'set MAIL_FROM to an address at your own domain, e.g. "Docket <docket@example.org>", and set up DKIM for it (DOCKET_DKIM_*)');
  }
  return ok('mail-from', `emails come from ${config.mail.from}`);
}

/** X-Forwarded-For believed from anyone who can connect: anyone can pick their IP for the rate limits. */
export function checkTrustProxy(config: Config): CheckResult | null {
  if (config.web.trustProxy !== true) return null;
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(config.web.host);
  if (loopback) return ok('trust-proxy', `X-Forwarded-For is trusted; Docket listens on ${config.web.host} only`);
  return warn('trust-proxy', `DOCKET_TRUST_PROXY=true while listening on ${config.web.host}: anyone who reaches the port directly can set X-Forwarded-For and pick the IP the rate limits count`, 'list the proxy addresses instead (e.g. DOCKET_TRUST_PROXY=127.0.0.1 or 10.0.0.0/8), or listen on loopback only (DOCKET_HOST=127.0.0.1)');
}
