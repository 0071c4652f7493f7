// What the mail server does to delivery: a 451 is retried with growing backoff and delivered once the
// server recovers; a 550 fails for good; a server that stalls mid-DATA is given up on by the socket
// timeout and retried (never stuck in `sending`); a server that is down is retried until it is back.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { harness, type Harness } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeFollowers, makeIssue } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores, type StoreContext } from '../support/test-stores.js';

// Canonical deadline: "7 days before" is 09:00 KST on 24 May 2020 = 00:00Z.
const due = new Date('2020-05-24T00:00:00Z');
const after = (ms: number) => new Date(due.getTime() + ms);
// Backoff with the harness's pinned jitter (0.5) and the default 30 s base: attempt n waits
// 3/4 of min(6 h, 30 s × 2^(n−1)), so 22.5 s after the first failure and 45 s after the second.
const firstRetryMs = 22_500;
const secondRetryMs = 45_000;

async function twoFollowersPlanned(ctx: StoreContext, h: Harness) {
  const db = ctx.store.db;
  const issue = await makeIssue(db);
  const deadline = await makeDeadline(db, issue.id, { notify: false });
  const people = await makeFollowers(db, issue.id, 2);
  expect(await h.tick('2020-05-20T00:00:00Z')).toMatchObject({ sent: 0 }); // plans; nothing due
  const rows = () =>
    db.alert.findMany({
      where: { deadlineId: deadline.id, milestone: 'before:P7D' },
      orderBy: { id: 'asc' },
      select: { status: true, attempts: true, nextAttemptAt: true, lastError: true, leaseUntil: true, claimToken: true },
    });
  return { emails: people.map((person) => person.email).sort(), rows };
}

describeStores('SMTP failures', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(async () => {
    sink.mode = 'accept';
    await clearStore(ctx.store.db);
  });
  const received = (from: number) => sink.messages.slice(from).map((message) => message.to[0]).sort();

  it('451: retried with growing backoff, the reply kept, delivered once after the server recovers', async () => {
    const h = harness(ctx.store.db, sink);
    const { emails, rows } = await twoFollowersPlanned(ctx, h);
    const from = sink.messages.length;
    const refused = sink.refused;
    sink.mode = 'transient';

    expect(await h.tick(due)).toMatchObject({ claimed: 2, retried: 2, sent: 0 });
    const waiting = { status: 'scheduled', lastError: '451 4.3.0 Try again later', leaseUntil: null, claimToken: null };
    expect(await rows()).toEqual(Array(2).fill({ ...waiting, attempts: 1, nextAttemptAt: after(firstRetryMs) }));
    // Not a millisecond early.
    expect(await h.tick(after(firstRetryMs - 1))).toMatchObject({ claimed: 0 });
    expect(await h.tick(after(firstRetryMs))).toMatchObject({ claimed: 2, retried: 2 });
    expect(await rows()).toEqual(Array(2).fill({ ...waiting, attempts: 2, nextAttemptAt: after(firstRetryMs + secondRetryMs) }));
    expect(sink.refused - refused).toBe(4);

    sink.mode = 'accept';
    expect(await h.tick(after(firstRetryMs + secondRetryMs))).toMatchObject({ claimed: 2, sent: 2 });
    expect(await h.tick(after(3_600_000))).toMatchObject({ claimed: 0, sent: 0 });
    h.mailer.close();
    expect(received(from)).toEqual(emails);
    expect((await rows()).map((row) => [row.status, row.attempts, row.lastError])).toEqual(Array(2).fill(['sent', 3, null]));
  });

  it('550: failed at once with the reply recorded, and never retried', async () => {
    const h = harness(ctx.store.db, sink);
    const { rows } = await twoFollowersPlanned(ctx, h);
    const from = sink.messages.length;
    sink.mode = 'permanent';
    expect(await h.tick(due)).toMatchObject({ claimed: 2, failed: 2, retried: 0, sent: 0 });
    sink.mode = 'accept';
    expect(await h.tick(after(firstRetryMs))).toMatchObject({ claimed: 0 });
    expect(await h.tick(after(3 * 86_400_000))).toMatchObject({ claimed: 0 });
    h.mailer.close();
    expect(received(from)).toEqual([]);
    expect((await rows()).map((row) => [row.status, row.attempts, row.lastError, row.leaseUntil])).toEqual(
      Array(2).fill(['failed', 1, '550 5.1.1 Mailbox does not exist', null]),
    );
  });

  it('a server that stalls mid-DATA: the socket timeout fires, the alert is retried, not stuck in sending', async () => {
    const h = harness(ctx.store.db, sink, { DOCKET_SMTP_SOCKET_TIMEOUT_MS: '500' });
    const { emails, rows } = await twoFollowersPlanned(ctx, h);
    const from = sink.messages.length;
    sink.mode = 'stall';
    const started = performance.now();
    expect(await h.tick(due)).toMatchObject({ claimed: 2, retried: 2, sent: 0 });
    expect(performance.now() - started).toBeLessThan(10_000); // the timeout, not the 120 s lease, ended it
    const stalled = await rows();
    expect(stalled.map((row) => [row.status, row.attempts, row.leaseUntil, row.nextAttemptAt])).toEqual(Array(2).fill(['scheduled', 1, null, after(firstRetryMs)]));
    for (const row of stalled) expect(row.lastError).toMatch(/timeout/i);

    sink.mode = 'accept';
    expect(await h.tick(after(firstRetryMs))).toMatchObject({ claimed: 2, sent: 2 });
    h.mailer.close();
    expect(received(from)).toEqual(emails);
  });

  it('a server that is down: connection refused, retried, delivered once when it is back on its port', async () => {
    const down = await startSmtpSink();
    const h = harness(ctx.store.db, down);
    const { emails, rows } = await twoFollowersPlanned(ctx, h);
    await down.crash();

    expect(await h.tick(due)).toMatchObject({ claimed: 2, retried: 2, sent: 0 });
    for (const row of await rows()) {
      expect([row.status, row.attempts, row.nextAttemptAt]).toEqual(['scheduled', 1, after(firstRetryMs)]);
      expect(row.lastError).toMatch(/ECONNREFUSED/);
    }

    // The server comes back where it was; the same mailer (as in a long-running service) reconnects.
    const back = await startSmtpSink({ port: down.port });
    try {
      expect(await h.tick(after(firstRetryMs))).toMatchObject({ claimed: 2, sent: 2 });
      expect(await h.tick(after(3_600_000))).toMatchObject({ claimed: 0 });
      h.mailer.close();
      expect(back.messages.map((message) => message.to[0]).sort()).toEqual(emails);
      expect(down.messages).toEqual([]);
      expect((await rows()).map((row) => [row.status, row.attempts])).toEqual(Array(2).fill(['sent', 2]));
    } finally {
      await back.close();
    }
  });

  it('a server that is down: the tick stops at the first refusal and puts back, unattempted, what it had not tried', async () => {
    const down = await startSmtpSink();
    const h = harness(ctx.store.db, down);
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    await makeDeadline(db, issue.id, { notify: false });
    const people = await makeFollowers(db, issue.id, 250);
    await h.tick('2020-05-20T00:00:00Z');
    await down.crash();

    // One claimed batch (100); the first sends in flight are refused, the rest are not even rendered.
    const outage = await h.tick(due);
    expect(outage.claimed).toBe(100);
    expect(outage.sent).toBe(0);
    expect(outage.retried).toBeGreaterThan(0);
    expect(outage.retried + outage.deferred).toBe(100);
    expect(outage.deferred).toBeGreaterThan(0);
    const deferred = await db.alert.findMany({ where: { lastError: { startsWith: 'not attempted' } } });
    expect(deferred).toHaveLength(outage.deferred);
    for (const row of deferred) {
      expect([row.status, row.attempts, row.nextAttemptAt, row.claimToken]).toEqual(['scheduled', 0, after(30_000), null]);
      expect(row.lastError).toMatch(/^not attempted: the SMTP server was unreachable \(.*ECONNREFUSED/);
    }
    expect(await db.alert.count({ where: { status: 'scheduled', milestone: 'before:P7D' } })).toBe(250);

    const back = await startSmtpSink({ port: down.port });
    try {
      expect(await h.tick(after(3_600_000))).toMatchObject({ sent: 250, failed: 0, deferred: 0 });
      h.mailer.close();
      expect(back.messages.map((message) => message.to[0]).sort()).toEqual(people.map((person) => person.email).sort());
    } finally {
      await back.close();
    }
  });
});
