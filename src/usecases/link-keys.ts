// Each subscriber's random link key (Subscriber.linkKey): manage, unsubscribe and feed links are bound
// to it (src/tokens.ts). Replacing it revokes all of that person's links at once, for a leaked email or
// feed address; the next email carries working links again.
import { randomBytes } from 'node:crypto';
import type { Subscriber } from '../store/models.js';
import { AppError } from '../errors.js';
import type { Db } from '../store/open-store.js';
import { checkEmail } from './check-input.js';

export function newLinkKey(): string {
  return randomBytes(24).toString('base64url');
}

export async function rotateLinkKey(db: Db, subscriberId: number, now: Date): Promise<Subscriber> {
  return db.subscriber.update({ where: { id: subscriberId }, data: { linkKey: newLinkKey(), updatedAt: now } });
}

/** `docket subscriber rotate-links <email>` */
export async function rotateLinksByEmail(db: Db, email: string, now: Date): Promise<Subscriber> {
  const address = checkEmail(email, 'email');
  const subscriber = await db.subscriber.findUnique({ where: { email: address } });
  if (!subscriber) throw new AppError('not_found', `no subscriber ${JSON.stringify(address)}`, { field: 'email', value: email });
  return rotateLinkKey(db, subscriber.id, now);
}
