// Leaving everything: the one-click unsubscribe and the manage page's "unsubscribe from all".
import type { Db } from '../store/open-store.js';
import { replanSubscriber } from '../store/replan.js';

/**
 * Leaves everything (the one-click unsubscribe). The subscriber row stays, so the per-address limit on
 * confirmation emails still holds; alerts already planned are skipped when their time comes.
 */
export async function unsubscribeAll(db: Db, subscriberId: number): Promise<{ removed: number }> {
  return db.$transaction(async (tx) => {
    // Re-plan first: it reads the subscriptions this is about to delete.
    await replanSubscriber(tx, subscriberId);
    const { count } = await tx.subscription.deleteMany({ where: { subscriberId } });
    return { removed: count };
  });
}
