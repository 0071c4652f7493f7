// Ops endpoints. /healthz: the process answers. /readyz: it can do its job — the store answers, no
// migration is pending or failed, and (with a scheduler attached) a tick finished within twice the tick
// interval; 503 with the reason otherwise. /metrics: Prometheus text from the app's own registry.
import type { FastifyInstance } from 'fastify';
import { withTimeout } from '../../ops/with-timeout.js';
import { migrationStatus } from '../../store/migrations.js';
import type { WebContext } from '../context.js';

const storeTimeoutMs = 2000;

type Check = { ok: boolean; detail: string };

export async function readiness(ctx: WebContext, log: { warn(obj: object, msg: string): void }): Promise<{ ready: boolean; checks: Record<string, Check> }> {
  const checks: Record<string, Check> = {};
  try {
    await withTimeout(ctx.store.db.$queryRawUnsafe('SELECT 1'), storeTimeoutMs, 'the store');
    const status = await withTimeout(migrationStatus(ctx.store), storeTimeoutMs, 'the store');
    checks.store = { ok: true, detail: `${ctx.store.provider} answers` };
    if (status.failed.length > 0) checks.migrations = { ok: false, detail: `failed migration: ${status.failed.join(', ')}` };
    else if (status.pending.length > 0) checks.migrations = { ok: false, detail: `pending migrations: ${status.pending.join(', ')}` };
    else checks.migrations = { ok: true, detail: `${status.applied.length} applied` };
  } catch (error) {
    // The reason goes to the log; the response only says which check failed (no URLs or driver text).
    log.warn({ err: error }, 'readiness: store check failed');
    checks.store = { ok: false, detail: 'the store is not reachable' };
  }
  if (ctx.scheduler) {
    const interval = ctx.scheduler.intervalMs();
    const last = ctx.scheduler.lastTickAt();
    const since = Date.now() - (last?.getTime() ?? ctx.startedAt);
    if (since <= 2 * interval) checks.scheduler = { ok: true, detail: last ? `last tick ${Math.round(since / 1000)} s ago` : 'starting' };
    else checks.scheduler = { ok: false, detail: last ? `no tick for ${Math.round(since / 1000)} s (interval ${Math.round(interval / 1000)} s)` : `no tick since start ${Math.round(since / 1000)} s ago` };
  }
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

export function registerOps(app: FastifyInstance, ctx: WebContext): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/readyz', async (request, reply) => {
    const { ready, checks } = await readiness(ctx, request.log);
    const failing = Object.entries(checks).filter(([, check]) => !check.ok);
    reply.header('cache-control', 'no-store').code(ready ? 200 : 503);
    return ready
      ? { status: 'ready', checks }
      : { status: 'not ready', reason: failing.map(([name, check]) => `${name}: ${check.detail}`).join('; '), checks };
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(ctx.metrics.registry.contentType).send(text);
  });
}
