// What was asked for with the request behind a confirm link, for the page that asks before confirming
// and for confirming itself (the request's own row, not the subscriber's, holds it).
import { confirmTtlMs } from '../engine/confirm-alerts.js';
import type { Tx } from '../store/open-store.js';
import { readConfirmRequestKey } from '../subscriber/confirm-request.js';
import { isValidZone } from '../time/zone.js';
import { deliveries } from '../domain/vocabulary.js';

export type ConfirmClaims = { subscriberId: number; scope?: string; expiresAt?: number };

/**
 * The zone and delivery asked for with the request behind a confirm link: the request's row is found from
 * the token (its expiry is the request time plus the link's lifetime, to the second).
 */
export async function requestedSettings(db: Tx, claims: ConfirmClaims): Promise<{ zone: string; delivery: string } | null> {
  if (claims.expiresAt === undefined || claims.scope === undefined) return null;
  const madeBy = claims.expiresAt * 1000 - confirmTtlMs;
  const rows = await db.alert.findMany({
    where: { subscriberId: claims.subscriberId, kind: 'confirm', milestone: `confirm:${claims.scope}`, sendAt: { gte: new Date(madeBy), lte: new Date(madeBy + 999) } },
    select: { key: true },
    orderBy: { id: 'desc' },
    take: 1,
  });
  const asked = rows[0] ? readConfirmRequestKey(rows[0].key) : null;
  if (asked === null || !isValidZone(asked.zone) || !(deliveries as readonly string[]).includes(asked.delivery)) return null;
  return asked;
}
