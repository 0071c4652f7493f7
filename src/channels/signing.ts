// Standard Webhooks signing (spec v1): `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the
// base64-decoded part of a `whsec_` secret. Signed with node:crypto rather than the `standardwebhooks`
// package: it is three lines, and the package (a test dependency here) then checks Docket independently.
import { createHmac, randomBytes } from 'node:crypto';

const prefix = 'whsec_';

/** A fresh secret: 32 random bytes, base64, after `whsec_`. */
export function newWebhookSecret(random: (size: number) => Buffer = randomBytes): string {
  return prefix + random(32).toString('base64');
}

export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(prefix) ? secret.slice(prefix.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The `webhook-signature` header: one signature per live secret, space-separated (rotation sends both). */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => signature(secret, id, timestamp, body)).join(' ');
}

/** How long the secret before a rotation is still signed with. */
export const rotationOverlapMs = 24 * 60 * 60 * 1000;

/** The secrets to sign with at `now`: the current one, and the previous one while its overlap lasts. */
export function liveSecrets(channel: { secret: string | null; previousSecret: string | null; previousSecretUntil: Date | null }, now: Date): string[] {
  const secrets = channel.secret === null ? [] : [channel.secret];
  if (channel.previousSecret !== null && channel.previousSecretUntil !== null && channel.previousSecretUntil > now) secrets.push(channel.previousSecret);
  return secrets;
}
