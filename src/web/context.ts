// What every route group is handed: the app's dependencies plus what buildApp derives from them once
// (settings, caches, metrics). Route groups take this instead of reaching for globals, so tests can build
// as many apps as they like side by side.
import type pino from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config/load-config.js';
import type { EngineSettings } from '../engine/engine-config.js';
import type { Store } from '../store/open-store.js';
import type { FreshCache } from './fresh-cache.js';
import type { WebMetrics } from './metrics.js';

export interface SchedulerProbe {
  /** Wall-clock time the last tick finished, or null before the first. */
  lastTickAt(): Date | null;
  /** Expected time between ticks (a getter: the scheduler learns it from cron fires). */
  intervalMs(): number;
}

export interface AppDeps {
  store: Store;
  clock: Clock;
  config: Config;
  secret: string;
  /** A pino logger, or false for silence (the default, which suits tests). */
  logger?: pino.Logger | false;
  /** Called after something was queued that should go out now (a confirmation email, an admin change). */
  wakeScheduler?: () => void;
  scheduler?: SchedulerProbe;
  options?: Partial<WebOptions>;
}

export interface RateLimit {
  max: number;
  timeWindowMs: number;
}

export interface WebOptions {
  /** Subscribe form posts per client IP. */
  subscribeLimit: RateLimit;
  /** Posts to signed-link pages (confirm, manage, unsubscribe) per client IP. */
  linkLimit: RateLimit;
  /** Admin API calls per client IP (slows down token guessing too). */
  adminLimit: RateLimit;
  /** Confirmation emails per address per 24 hours. */
  confirmationsPerAddress: number;
  /**
   * How long a feed or page snapshot is served before the store is asked whether anything changed.
   * Changes made through this process show at once; changes from the CLI within this long.
   */
  freshnessMs: number;
  /** The real-time clock, in ms, that window is measured on (tests pass their own). */
  freshnessClock?: () => number;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Behind a reverse proxy: trust X-Forwarded-For for client IPs (Fastify's trustProxy). */
  trustProxy: boolean | string | string[];
}

export const defaultWebOptions: WebOptions = {
  subscribeLimit: { max: 10, timeWindowMs: 3_600_000 },
  linkLimit: { max: 60, timeWindowMs: 60_000 },
  adminLimit: { max: 600, timeWindowMs: 60_000 },
  confirmationsPerAddress: 3,
  freshnessMs: 1000,
  bodyLimit: 64 * 1024,
  trustProxy: false,
};

export interface WebContext {
  store: Store;
  clock: Clock;
  config: Config;
  secret: string;
  options: WebOptions;
  /** The engine's view of the config (reminder policy for calendar alarms). */
  settings: EngineSettings;
  cache: FreshCache;
  metrics: WebMetrics;
  /** Host part of BASE_URL, for calendar UIDs and Atom ids. */
  host: string;
  /** BASE_URL without a trailing slash. */
  baseUrl: string;
  https: boolean;
  wakeScheduler: () => void;
  scheduler: SchedulerProbe | null;
  /** When this app was built (wall clock), for readiness before the first tick. */
  startedAt: number;
}
