// Builds Docket's web app — pages, feeds, API, ops endpoints — without listening, so tests drive it with
// app.inject() and server.ts only adds the socket. Everything the routes need comes in through `deps`.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { engineSettings } from '../engine/engine-config.js';
import { defaultWebOptions, type AppDeps, type WebContext, type WebOptions } from './context.js';
import { problemFor, registerErrorHandling, sendProblem } from './error-handler.js';
import { FreshCache } from './fresh-cache.js';
import { createMetrics } from './metrics.js';
import { adminRoutes } from './routes/admin-api.js';
import { registerAdminApis } from './routes/admin-scope.js';
import { channelRoutes } from './routes/channels-api.js';
import { registerAssets } from './routes/assets.js';
import { registerAtomFeeds } from './routes/atom-feeds.js';
import { registerCalendarFeeds } from './routes/calendar-feeds.js';
import { registerConfirm } from './routes/confirm.js';
import { deadlineFindRoutes } from './routes/deadline-find-api.js';
import { registerHomePage } from './routes/home-page.js';
import { registerIssuePage } from './routes/issue-page.js';
import { registerManage } from './routes/manage.js';
import { registerOpenApi } from './routes/openapi.js';
import { registerOps } from './routes/ops.js';
import { registerPersonalFeed } from './routes/personal-feed.js';
import { registerPublicApi } from './routes/public-api.js';
import { sourceRoutes } from './routes/sources-api.js';
import { registerSubscribe } from './routes/subscribe.js';
import { registerUnsubscribe } from './routes/unsubscribe.js';
import { registerSecurity, securityHeaders } from './security.js';

export type { AppDeps, WebOptions } from './context.js';
export { recordTick } from './metrics.js';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const options: WebOptions = {
    ...defaultWebOptions,
    subscribeLimit: { max: deps.config.web.subscribePerHour, timeWindowMs: 3_600_000 },
    trustProxy: deps.config.web.trustProxy,
    ...deps.options,
  };
  const baseUrl = deps.config.web.baseUrl.replace(/\/+$/, '');
  const ctx: WebContext = {
    store: deps.store,
    clock: deps.clock,
    config: deps.config,
    secret: deps.secret,
    options,
    settings: engineSettings(deps.config),
    cache: new FreshCache({ freshnessMs: options.freshnessMs, now: options.freshnessClock }),
    metrics: createMetrics(deps.store, deps.clock),
    host: new URL(baseUrl).hostname,
    baseUrl,
    https: baseUrl.startsWith('https:'),
    wakeScheduler: deps.wakeScheduler ?? (() => undefined),
    scheduler: deps.scheduler ?? null,
    startedAt: Date.now(),
  };

  // Needed before routing: frameworkErrors answers before any onRequest hook has run.
  const headers = await securityHeaders(ctx);
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // Request lines are logged below with the route pattern only: raw URLs carry signed tokens.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    // Signed tokens are ~120 characters; find-my-way's default limit of 100 would turn them into 404s.
    routerOptions: { maxParamLength: 2048 },
    // Malformed URLs and over-long parameters are answered before routing; send them through the same
    // error shapes (Fastify's own answer is JSON that quotes the path back), with the security headers
    // every other response has.
    frameworkErrors: (error, request, reply) => sendProblem(request, reply.headers(headers), problemFor(error)),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;

  registerErrorHandling(app);
  await registerSecurity(app, ctx, headers);
  // Callback style: an async hook costs a promise per request on every route.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.observeRequest({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
    request.log.debug({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  registerAssets(app);
  registerHomePage(app, ctx);
  registerIssuePage(app, ctx);
  registerSubscribe(app, ctx);
  registerConfirm(app, ctx);
  registerManage(app, ctx);
  await registerUnsubscribe(app, ctx);
  registerCalendarFeeds(app, ctx);
  registerPersonalFeed(app, ctx);
  registerAtomFeeds(app, ctx);
  registerPublicApi(app, ctx);
  await registerAdminApis(app, ctx, [adminRoutes, channelRoutes, deadlineFindRoutes, sourceRoutes]);
  registerOpenApi(app, ctx);
  registerOps(app, ctx);
  return app;
}
