// Retention (DOCKET_KEEP_ALERTS): finished alert rows older than the window are deleted by the scheduler
// a batch per tick, and on demand; rows still owed, recent ones, events and deadline history stay; and a
// milestone whose row was pruned is never made again.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { countPrunable, pruneAlerts } from '../../src/engine/prune-alerts.js';
import { every, harness, label, replay } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { runCli } from '../support/run-cli.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

const dayMs = 86_400_000;

describeStores('alert retention', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  it('prunes sent rows past the window, keeps events and history, and never re-sends a pruned milestone', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email: 'seoul@example.com', zone: 'Asia/Seoul' });
    await subscribe(db, reader.id, issue.id);
    await makeDeadline(db, issue.id);
    // The canonical lifecycle with the default retention first; then ten days, so the test stays in 2020.
    const plain = harness(db, sink);
    const first = await replay(plain, sink, every('2020-05-12T10:00:00Z', '2020-06-01T10:00:00Z', 12));
    expect(first.map((a) => label(a.subject))).toEqual(['New deadline', 'Due in 7 days', 'Due in 1 day', 'Due today', 'Overdue, no answer recorded']);
    plain.mailer.close();
    const h = harness(db, sink, { DOCKET_KEEP_ALERTS: 'P10D' });
    const events = await db.event.count();
    // On 9 June the notice (sent 12 May) and the 7-day reminder (sent 24 May) are older than ten days.
    const at = new Date('2020-06-09T00:00:00Z');
    expect(await countPrunable(db, at, 10 * dayMs)).toBe(2);
    const ticked = await h.tick(at);
    expect(ticked.pruned).toBe(2);
    expect((await db.alert.findMany({ select: { milestone: true }, orderBy: { sendAt: 'asc' } })).map((row) => row.milestone)).toEqual(['before:P1D', 'due', 'overdue:1', 'overdue:2']);
    expect(await db.event.count()).toBe(events);
    // Ticking on through the rest of the lifecycle: the pruned milestones never come back.
    const later = await replay(h, sink, every('2020-06-09T12:00:00Z', '2020-06-30T00:00:00Z', 12));
    h.mailer.close();
    expect(later.map((a) => label(a.subject))).toEqual(['Still overdue, no answer recorded', 'Still overdue, no answer recorded']);
  });

  it('deletes in batches up to a limit per call, and only finished rows', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db);
    await subscribe(db, reader.id, issue.id);
    const old = new Date('2019-01-01T00:00:00Z');
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      key: `e:${reader.id}:${100_000 + i}`, subscriberId: reader.id, kind: 'event', milestone: 'issue.note', sendAt: old, nextAttemptAt: old,
      status: i % 4 === 0 ? 'scheduled' : ['sent', 'skipped', 'failed'][i % 3]!, createdAt: old, updatedAt: old,
    }));
    await db.alert.createMany({ data: rows });
    const now = new Date('2020-06-01T00:00:00Z');
    const finished = rows.filter((row) => row.status !== 'scheduled').length;
    expect(await countPrunable(db, now, 400 * dayMs)).toBe(finished);
    expect(await pruneAlerts(db, now, 400 * dayMs, { limit: 500, batch: 200 })).toBe(500);
    expect(await pruneAlerts(db, now, 400 * dayMs)).toBe(finished - 500);
    expect(await db.alert.count()).toBe(rows.length - finished); // the scheduled ones stay
  });

  it('`docket alerts prune --dry-run` counts, `docket alerts prune` deletes and says how many', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db);
    await subscribe(db, reader.id, issue.id);
    const old = new Date('2020-01-01T00:00:00Z');
    await db.alert.createMany({ data: Array.from({ length: 3 }, (_, i) => ({ key: `e:${reader.id}:${200 + i}`, subscriberId: reader.id, kind: 'event', milestone: 'issue.note', sendAt: old, nextAttemptAt: old, status: 'sent', createdAt: old, updatedAt: old })) });
    const now = '2021-06-01T00:00:00Z';
    const dry = await runCli(['alerts', 'prune', '--dry-run', '--json'], { databaseUrl: ctx.url, now });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, prunable: 3, keep: 'P400D' });
    expect(await db.alert.count()).toBe(3);
    const real = await runCli(['alerts', 'prune'], { databaseUrl: ctx.url, now });
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toContain('Deleted 3 alert row(s)');
    expect(await db.alert.count()).toBe(0);
    const bad = await runCli(['alerts', 'prune'], { databaseUrl: ctx.url, now, env: { DOCKET_KEEP_ALERTS: 'PT1H' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DOCKET_KEEP_ALERTS');
  });
});
