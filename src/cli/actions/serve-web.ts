// Attaches the web server to `docket serve`. Kept apart so the service runs without it (DOCKET_WEB=false);
// the web modules are only loaded when it is on.
import type { Clock } from '../../clock.js';
import type { Config } from '../../config/load-config.js';
import type { TickResult } from '../../engine/run-tick.js';
import type { Logger } from '../../log.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { Store } from '../../store/open-store.js';

export interface WebDeps {
  config: Config;
  clock: Clock;
  store: Store;
  secret: string;
  log: Logger;
  scheduler: Scheduler | null;
  onTick(listener: (result: TickResult) => void): void;
}

export async function startWeb(deps: WebDeps): Promise<{ url: string; close(): Promise<void> }> {
  const [{ buildApp, recordTick }, { startWebServer }] = await Promise.all([import('../../web/app.js'), import('../../web/server.js')]);
  const { scheduler } = deps;
  const app = await buildApp({
    store: deps.store,
    clock: deps.clock,
    config: deps.config,
    secret: deps.secret,
    // A child, so quieting Fastify's own "Server listening" lines (see startWebServer) touches only it.
    logger: deps.log.child({}),
    // A subscribe request queues its confirmation email; tick now instead of at the next cron fire.
    wakeScheduler: () => scheduler?.runSoon(),
    ...(scheduler ? { scheduler } : {}),
  });
  deps.onTick(recordTick);
  const server = await startWebServer(app, { port: deps.config.web.port, host: deps.config.web.host });
  deps.log.info({ url: server.url, baseUrl: deps.config.web.baseUrl }, 'web server listening');
  return server;
}
