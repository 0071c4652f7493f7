// Ops endpoints: liveness, readiness (store, migrations, scheduler freshness) and Prometheus metrics.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TickResult } from '../../src/engine/run-tick.js';
import { openStore } from '../../src/store/open-store.js';
import { recordTick } from '../../src/web/app.js';
import { describeStores } from '../support/test-stores.js';
import { seedCanonical, testApp, type TestApp } from './support/web-app.js';

describeStores('ops endpoints', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  it('says it is alive on /healthz', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the store answers and is fully migrated (no scheduler attached)', async () => {
    const res = await t.app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', checks: { store: { ok: true }, migrations: { ok: true } } });
    expect(res.json().checks).not.toHaveProperty('scheduler');
  });

  it('is not ready when the scheduler has not ticked within twice its interval', async () => {
    let last: Date | null = new Date(Date.now() - 5 * 60_000);
    const withScheduler = await testApp(ctx.store, { deps: { scheduler: { lastTickAt: () => last, intervalMs: () => 60_000 } } });
    try {
      const stale = await withScheduler.app.inject('/readyz');
      expect(stale.statusCode).toBe(503);
      expect(stale.json()).toMatchObject({ status: 'not ready', checks: { scheduler: { ok: false } } });
      expect(stale.json().reason).toMatch(/^scheduler: no tick for 300 s \(interval 60 s\)$/);
      last = new Date(Date.now() - 30_000);
      expect((await withScheduler.app.inject('/readyz')).statusCode).toBe(200);
      last = null; // just started: ready until two intervals have passed without a tick
      expect((await withScheduler.app.inject('/readyz')).json().checks.scheduler).toEqual({ ok: true, detail: 'starting' });
    } finally {
      await withScheduler.app.close();
    }
  });

  it('exports alert counts, the oldest due alert\'s age, request durations and tick numbers on /metrics', async () => {
    const db = ctx.store.db;
    const { issue } = await seedCanonical(ctx.store);
    const now = t.clock.now();
    const subscriber = await db.subscriber.create({ data: { email: `metrics-${ctx.provider}@example.com`, zone: 'UTC', confirmedAt: now, createdAt: now, updatedAt: now } });
    const tenMinutesAgo = new Date(now.getTime() - 600_000);
    await db.alert.create({ data: { key: `metrics-${ctx.provider}`, kind: 'event', milestone: 'issue.note', subscriberId: subscriber.id, sendAt: tenMinutesAgo, nextAttemptAt: tenMinutesAgo, createdAt: tenMinutesAgo, updatedAt: tenMinutesAgo } });
    await t.app.inject(`/issues/${issue.slug}`);
    const tick: TickResult = { now: now.toISOString(), planned: 3, lateMarked: 0, digests: 0, claimed: 2, sent: 2, retried: 0, deferred: 0, failed: 0, skipped: 0, pruned: 0, durationMs: 1500 };
    recordTick(tick);

    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/^docket_alerts\{status="scheduled",kind="event"\} [1-9]\d*$/m);
    expect(text).toMatch(/^docket_oldest_due_alert_age_seconds 600$/m);
    expect(text).toMatch(/^docket_store_up 1$/m);
    expect(text).toMatch(/^docket_http_request_duration_seconds_count\{method="GET",route="\/issues\/:slug",status_code="200"\} [1-9]/m);
    expect(text).toMatch(/^docket_tick_duration_seconds_bucket\{le="2.5"\} [1-9]/m);
    expect(text).toMatch(/^docket_tick_alerts_total\{outcome="sent"\} [2-9]/m);
    expect(text).toMatch(/^docket_last_tick_timestamp_seconds \d+/m);
    expect(text).toMatch(/^docket_process_resident_memory_bytes \d+/m);
    // Route patterns only: a signed token in a URL never becomes a label.
    await t.app.inject('/unsubscribe/abc.def');
    expect((await t.app.inject('/metrics')).body).not.toContain('abc.def');
  });
});

it('is not ready while migrations are pending', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-readyz-'));
  const store = await openStore(`file:${path.join(dir, 'empty.db')}`);
  const t = await testApp(store);
  try {
    const res = await t.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not ready', checks: { store: { ok: true }, migrations: { ok: false } } });
    expect(res.json().reason).toMatch(/^migrations: pending migrations: /);
  } finally {
    await t.app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('is not ready when the store does not answer, without saying why to the caller', async () => {
  const store = await openStore('postgresql://docket:secret-password@127.0.0.1:1/nowhere');
  const t = await testApp(store);
  try {
    const res = await t.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', reason: 'store: the store is not reachable', checks: { store: { ok: false, detail: 'the store is not reachable' } } });
    expect(res.body).not.toContain('secret-password');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^docket_store_up 0$/m);
  } finally {
    await t.app.close();
    await store.close().catch(() => undefined);
  }
});
