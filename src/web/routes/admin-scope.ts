// The admin API's one set-up, shared by every group of admin routes (issues and deadlines, channels,
// sources and inbox, deadline find): the bearer-token guard, the admin rate limit, how a write is made,
// and what follows a change. Each group is a function of this scope; registerAdminApis mounts them all in
// one encapsulated plugin, so none can forget the guard. The token is compared as SHA-256 digests with
// timingSafeEqual, so neither its content nor its length leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { WriteContext } from '../../usecases/write-context.js';
import type { WebContext } from '../context.js';
import { rateLimitConfig } from '../security.js';

export interface AdminScope {
  admin: FastifyInstance;
  ctx: WebContext;
  /** Every admin route's options: its rate limit. */
  routeOptions: { config: ReturnType<typeof rateLimitConfig> };
  write(): WriteContext;
  /** After a change: pages and feeds show it at once, and its alerts go out at the next tick, which is now. */
  changed(): void;
}

export type AdminRoutes = (scope: AdminScope) => void;

/** Without DOCKET_ADMIN_TOKEN there is no admin API at all (every route answers 404). */
export async function registerAdminApis(app: FastifyInstance, ctx: WebContext, groups: AdminRoutes[]): Promise<void> {
  const token = ctx.config.web.adminToken;
  if (token === null) return;
  await app.register(async (admin) => {
    // preValidation, not onRequest: the per-route rate limit (an onRequest hook) must count failed
    // attempts too, and instance-level onRequest hooks would run before it.
    admin.addHook('preValidation', bearerGuard(token));
    const scope: AdminScope = {
      admin,
      ctx,
      routeOptions: { config: rateLimitConfig(ctx.options.adminLimit) },
      write: () => ({ db: ctx.store.db, now: ctx.clock.now(), actor: 'api' }),
      changed: () => {
        ctx.cache.invalidate();
        ctx.wakeScheduler();
      },
    };
    for (const group of groups) group(scope);
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function bearerGuard(adminToken: string) {
  const wanted = digest(adminToken);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match && timingSafeEqual(digest(match[1]!), wanted)) return;
    reply.header('www-authenticate', 'Bearer realm="docket-admin"');
    throw new AppError('unauthorized', 'a valid admin token is required: send "Authorization: Bearer <DOCKET_ADMIN_TOKEN>"');
  };
}
