// Signed links: unsubscribe, manage preferences, confirm a subscription. The token carries its own
// claims (no database row), so a link in a months-old email still works after restarts. The purpose is
// inside the signed part, so a "manage" link can never be replayed as an "unsubscribe" one.
//
// Format: base64url(JSON claims) "." base64url(HMAC-SHA256(secret, "docket-token.v1." + claims part)).
// Tokens are deterministic (no nonce, no issue time): re-rendering an email after a crash yields the
// same links, and so the same message.
//
// Binding: an id alone is not enough, because ids are reassigned when a store is moved (export → import)
// or restored, and an old email would then open another person's page. So unsubscribe, manage and feed
// tokens carry a fingerprint of the subscriber's random link key (`k`), or, where the signer knows only
// the address, of the address (`m`); `linkBindingHolds` checks it against the row. Replacing the link key
// (`docket subscriber rotate-links`) revokes every `k` token of that person.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.js';

export type TokenPurpose = 'unsubscribe' | 'manage' | 'confirm' | 'feed';

/** Why a token was refused: past its expiry, or not valid at all (forged, tampered, cut short, another purpose). */
export type TokenRefusal = 'expired' | 'invalid';

/** A refused link, with why, so a page can say what to do next without reading the message. */
export class TokenRefusedError extends AppError {
  readonly reason: TokenRefusal;

  constructor(reason: TokenRefusal, cause: string) {
    super('forbidden', reason === 'expired' ? 'this link has expired' : 'this link is not valid', { cause });
    this.name = 'TokenRefusedError';
    this.reason = reason;
  }
}
const purposes: readonly TokenPurpose[] = ['unsubscribe', 'manage', 'confirm', 'feed'];

interface Claims {
  p: TokenPurpose;
  s: number;
  c?: string;
  /** expiry, seconds since the epoch */
  e?: number;
  /** fingerprint of the subscriber's link key */
  k?: string;
  /** fingerprint of the subscriber's address (when the signer does not know the key) */
  m?: string;
}

/** What a verified token says; `k`/`m` are checked against the row by linkBindingHolds. */
export interface TokenClaims {
  subscriberId: number;
  scope?: string;
  /** seconds since the epoch */
  expiresAt?: number;
  keyPrint?: string;
  mailPrint?: string;
}

/** 16 characters of SHA-256: inside a signed token, it only has to tell two rows apart. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(`docket-link.${value}`, 'utf8').digest('base64url').slice(0, 16);
}

/**
 * Whether a token's binding matches the row it names: the key print must match the row's link key, an
 * address print the row's address; a token with neither (sent before link keys existed) only opens a
 * row from that time whose links were never rotated (its key still starts "legacy-").
 */
export function linkBindingHolds(claims: TokenClaims, row: { email: string; linkKey: string }): boolean {
  const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  if (claims.keyPrint !== undefined) return equal(claims.keyPrint, fingerprint(row.linkKey));
  if (claims.mailPrint !== undefined) return equal(claims.mailPrint, fingerprint(row.email.toLowerCase()));
  return row.linkKey.startsWith('legacy-');
}

const domain = 'docket-token.v1.';
// Longest token we bother to look at; real ones are ~100 characters. Stops pathological input early.
const maxTokenLength = 2048;

export function signToken(
  secret: string,
  payload: { purpose: TokenPurpose; subscriberId: number; scope?: string; expiresAt?: Date; linkKey?: string; email?: string },
): string {
  requireSecret(secret);
  if (!purposes.includes(payload.purpose)) throw new Error(`unknown token purpose ${String(payload.purpose)}`);
  if (!Number.isSafeInteger(payload.subscriberId) || payload.subscriberId <= 0) {
    throw new Error(`subscriberId must be a positive integer, got ${payload.subscriberId}`);
  }
  // A confirm link that never expires would let an old, leaked email subscribe someone forever.
  if (payload.purpose === 'confirm' && payload.expiresAt === undefined) throw new Error('confirm tokens need expiresAt');

  const claims: Claims = { p: payload.purpose, s: payload.subscriberId };
  if (payload.scope !== undefined) claims.c = payload.scope;
  if (payload.expiresAt !== undefined) {
    const ms = payload.expiresAt.getTime();
    if (Number.isNaN(ms)) throw new Error('expiresAt is not a valid date');
    claims.e = Math.floor(ms / 1000);
  }
  if (payload.linkKey !== undefined) claims.k = fingerprint(payload.linkKey);
  else if (payload.email !== undefined) claims.m = fingerprint(payload.email.toLowerCase());
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export function verifyToken(
  secret: string,
  token: string,
  expected: { purpose: TokenPurpose; now: Date },
): TokenClaims {
  requireSecret(secret);
  if (typeof token !== 'string' || token.length === 0 || token.length > maxTokenLength) throw notValid('malformed');
  const parts = token.split('.');
  if (parts.length !== 2) throw notValid('malformed');
  const [body, sig] = parts as [string, string];
  if (!isBase64url(body) || !isBase64url(sig)) throw notValid('malformed');

  // Check the signature before reading anything out of the claims. Compare the encoded text, not the
  // decoded bytes: base64 ignores the last character's spare bits, so decoded comparison would accept
  // several spellings of one signature.
  const given = Buffer.from(sig, 'utf8');
  const wanted = Buffer.from(mac(secret, body).toString('base64url'), 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw notValid('bad signature');

  const claims = parseClaims(body);
  if (claims === null) throw notValid('unreadable claims');
  if (claims.p !== expected.purpose) throw notValid(`purpose ${claims.p}, expected ${expected.purpose}`);
  if (claims.e !== undefined && expected.now.getTime() >= claims.e * 1000) {
    throw new TokenRefusedError('expired', `token expired at ${new Date(claims.e * 1000).toISOString()}`);
  }
  const out: TokenClaims = { subscriberId: claims.s };
  if (claims.c !== undefined) out.scope = claims.c;
  if (claims.e !== undefined) out.expiresAt = claims.e;
  if (claims.k !== undefined) out.keyPrint = claims.k;
  if (claims.m !== undefined) out.mailPrint = claims.m;
  return out;
}

// URL formats are fixed here so that emails sent today keep working when the web pages arrive.
/** Where Docket's pages are, for the links in emails and feeds. */
export interface Links {
  /** e.g. 'http://localhost:8080' */
  baseUrl: string;
}

export function unsubscribeUrl(links: Links, token: string): string {
  return `${trimSlash(links.baseUrl)}/unsubscribe/${encodeURIComponent(token)}`;
}

export function manageUrl(links: Links, token: string): string {
  return `${trimSlash(links.baseUrl)}/manage/${encodeURIComponent(token)}`;
}

export function feedUrl(links: Links, token: string): string {
  return `${trimSlash(links.baseUrl)}/my/${encodeURIComponent(token)}.ics`;
}

export function confirmUrl(links: Links, token: string): string {
  return `${trimSlash(links.baseUrl)}/confirm/${encodeURIComponent(token)}`;
}

export function issueUrl(links: Links, slug: string): string {
  return `${trimSlash(links.baseUrl)}/issues/${encodeURIComponent(slug)}`;
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(domain + body).digest();
}

function requireSecret(secret: string): void {
  // An empty secret is an operator/config bug, not something a link-clicker did.
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('token secret is empty');
}

function notValid(why: string): TokenRefusedError {
  return new TokenRefusedError('invalid', `token refused: ${why}`);
}

function isBase64url(s: string): boolean {
  return s.length > 0 && /^[A-Za-z0-9_-]+$/.test(s);
}

function parseClaims(body: string): Claims | null {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.p !== 'string' || !purposes.includes(r.p as TokenPurpose)) return null;
  if (typeof r.s !== 'number' || !Number.isSafeInteger(r.s) || r.s <= 0) return null;
  if (r.c !== undefined && typeof r.c !== 'string') return null;
  if (r.e !== undefined && (typeof r.e !== 'number' || !Number.isFinite(r.e))) return null;
  if (r.k !== undefined && typeof r.k !== 'string') return null;
  if (r.m !== undefined && typeof r.m !== 'string') return null;
  const claims: Claims = { p: r.p as TokenPurpose, s: r.s };
  if (typeof r.c === 'string') claims.c = r.c;
  if (typeof r.e === 'number') claims.e = r.e;
  if (typeof r.k === 'string') claims.k = r.k;
  if (typeof r.m === 'string') claims.m = r.m;
  return claims;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
