// Prometheus metrics on the app's own Registry (never prom-client's global one, so several apps can live
// in one test process). Store-backed numbers are read at scrape time; tick numbers are pushed by the
// scheduler through recordTick(), which the service calls after every tick.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '../clock.js';
import type { TickResult } from '../engine/run-tick.js';
import { ownTimeKinds } from '../engine/alert-kinds.js';
import { registerSourceMetrics } from '../sources/source-metrics.js';
import type { Store } from '../store/open-store.js';
import { channelCounts } from '../channels/check-channels.js';

// Tick metrics are process-wide: there is one scheduler per process, and recordTick is a plain function
// the service can call without holding the app.
const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'docket_' });

const tickDuration = new Histogram({
  name: 'docket_tick_duration_seconds',
  help: 'How long one scheduler tick took (plan, digest, claim and send).',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [processRegistry],
});
const tickAlerts = new Counter({
  name: 'docket_tick_alerts_total',
  help: 'Alerts handled by ticks, by outcome.',
  labelNames: ['outcome'] as const,
  registers: [processRegistry],
});
const lastTick = new Gauge({
  name: 'docket_last_tick_timestamp_seconds',
  help: 'Wall-clock time the last tick finished (Unix seconds).',
  registers: [processRegistry],
});

export function recordTick(result: TickResult): void {
  tickDuration.observe(result.durationMs / 1000);
  for (const outcome of ['planned', 'sent', 'retried', 'deferred', 'failed', 'skipped'] as const) {
    if (result[outcome] > 0) tickAlerts.inc({ outcome }, result[outcome]);
  }
  lastTick.set(Date.now() / 1000);
}

export interface WebMetrics {
  registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
}

export function createMetrics(store: Store, clock: Clock): WebMetrics {
  const own = new Registry();
  const http = new Histogram({
    name: 'docket_http_request_duration_seconds',
    help: 'HTTP request durations by route pattern (never the raw URL: it may hold a signed token).',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [own],
  });
  new Gauge({
    name: 'docket_store_up',
    help: '1 when this scrape could read the store, 0 when it could not.',
    registers: [own],
    async collect() {
      try {
        await store.db.$queryRawUnsafe('SELECT 1');
        this.set(1);
      } catch {
        this.set(0);
      }
    },
  });
  new Gauge({
    name: 'docket_alerts',
    help: 'Alert rows in the store, by status and kind.',
    labelNames: ['status', 'kind'] as const,
    registers: [own],
    async collect() {
      this.reset();
      try {
        const rows = await store.db.alert.groupBy({ by: ['status', 'kind'], _count: { _all: true } });
        for (const row of rows) this.set({ status: row.status, kind: row.kind }, row._count._all);
      } catch {
        // docket_store_up says why this is empty.
      }
    },
  });
  new Gauge({
    name: 'docket_oldest_due_alert_age_seconds',
    help: 'Age of the oldest alert that is due but not sent (0 when none); digest subscribers\' items wait for their digest and are not counted.',
    registers: [own],
    async collect() {
      const now = clock.now();
      try {
        const oldest = await store.db.alert.findFirst({
          where: {
            status: { in: ['scheduled', 'sending'] },
            sendAt: { lte: now },
            OR: [{ kind: { in: [...ownTimeKinds] } }, { subscriber: { delivery: 'immediate' } }],
          },
          orderBy: { sendAt: 'asc' },
          select: { sendAt: true },
        });
        this.set(oldest ? Math.max(0, (now.getTime() - oldest.sendAt.getTime()) / 1000) : 0);
      } catch {
        this.reset();
      }
    },
  });
  new Gauge({
    name: 'docket_channels',
    help: 'Webhook, Slack and Teams channels by kind and state (enabled, disabled); a disabled one needs `docket channel enable`.',
    labelNames: ['kind', 'state'] as const,
    registers: [own],
    async collect() {
      this.reset();
      try {
        for (const row of await channelCounts(store.db)) this.set({ kind: row.kind, state: row.state }, row.n);
      } catch {
        // docket_store_up says why this is empty.
      }
    },
  });
  registerSourceMetrics(own, store);
  return {
    registry: Registry.merge([processRegistry, own]),
    observeRequest: ({ method, route, status }, seconds) => http.observe({ method, route, status_code: String(status) }, seconds),
  };
}
