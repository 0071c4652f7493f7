// The bridge from a CLI context to what use cases take: the client, this command's moment, the actor.
import type { WriteContext } from '../../usecases/write-context.js';
import type { CliContext } from '../context.js';

export function writeContext(ctx: CliContext): WriteContext {
  return { db: ctx.store.db, now: ctx.clock.now(), actor: ctx.actor };
}
