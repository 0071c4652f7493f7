// The long-running service: one process that migrates the store, runs the scheduler (node-cron firing
// runTick) and the web server, and shuts down gracefully — stop accepting, finish the tick in flight,
// close the store.
import { clockFromEnv } from '../../clock.js';
import { loadConfig } from '../../config/load-config.js';
import { engineSettings } from '../../engine/engine-config.js';
import { runTick, type TickResult } from '../../engine/run-tick.js';
import { tickDidSomething } from '../tick-summary.js';
import { createLogger } from '../../log.js';
import { createMailer } from '../../mail/transport.js';
import { createScheduler, type Scheduler } from '../../scheduler/scheduler.js';
import { legacySecretFile, loadLinkSecret } from '../../store/link-secret.js';
import { openMigratedStore, redactUrl } from '../../store/migrations.js';
import { stopping, stopRequested } from '../stop-signal.js';
import { startWeb } from './serve-web.js';

export async function serve(options: { scheduler: boolean; web: boolean }): Promise<void> {
  const config = loadConfig();
  const clock = clockFromEnv();
  const log = createLogger(config.logLevel);
  const settings = engineSettings(config);
  const { store, applied } = await openMigratedStore(config.databaseUrl);
  const secret = await loadLinkSecret(store.db, { configured: config.web.secret, legacyFile: legacySecretFile(config.dataDir), now: clock.now() });
  const mailer = createMailer(config.mail, (entry) => log.info({ mail: entry }, 'logged instead of sent'));
  log.info({ store: redactUrl(store.url), provider: store.provider, migrationsApplied: applied, mail: mailer.describe }, 'store ready');

  const abort = new AbortController();
  const tickListeners: Array<(result: TickResult) => void> = [];
  let scheduler: Scheduler | null = null;
  if (options.scheduler && config.scheduler.enabled && !stopping()) {
    scheduler = createScheduler({
      cron: config.scheduler.cron,
      tick: async () => {
        const result = await runTick({
          now: clock.now(),
          clock,
          db: store.db,
          mailer,
          settings,
          secret,
          signal: abort.signal,
          onFailure: (report) => log.warn({ alert: report.alert.key, outcome: report.outcome, error: report.detail }, 'alert not delivered'),
        });
        // An idle tick every minute is 1,440 info lines a day that say nothing: those go at debug.
        if (tickDidSomething(result)) log.info({ tick: result }, 'tick');
        else log.debug({ tick: result }, 'tick (idle)');
        for (const listener of tickListeners) listener(result);
        // Watched feeds: a step of its own after the alerts, so a slow feed never delays an email.
        const { runSourcesStep } = await import('../../sources/sources-step.js');
        const sources = await runSourcesStep(store.db, mailer, config, { now: clock.now(), signal: abort.signal, onError: (source, error) => log.error({ err: error, source }, 'polling a source failed; tried again when its lease runs out') }).catch((error: unknown) => {
          log.error({ err: error }, 'polling sources failed; the next tick retries');
          return undefined;
        });
        if (sources && sources.polled > 0) log.info({ sources }, 'sources polled');
      },
      onError: (error) => log.error({ err: error }, 'tick failed; the next tick retries'),
    });
    scheduler.start();
    log.info({ cron: config.scheduler.cron }, 'scheduler started');
  }

  const web = options.web && config.web.enabled && !stopping() ? await startWeb({ config, clock, store, secret, log, scheduler, onTick: (listener) => tickListeners.push(listener) }) : null;

  await stopRequested;
  log.info('shutting down: no new requests, finishing the tick in flight');
  abort.abort();
  await web?.close();
  await scheduler?.stop();
  mailer.close();
  await store.close();
  log.info('stopped');
}
