// Claims: a sender that dies between claiming and sending loses nothing (its lease runs out and the next
// tick sends, once); late reminders wait for catch-up before anyone may claim them; on PostgreSQL a
// claim skips rows another instance is claiming instead of waiting for them.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { claimDueAlerts } from '../../src/engine/claim-alerts.js';
import { planDue } from '../../src/engine/plan-due.js';
import { harness, testSettings } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeFollowers, makeIssue } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

// Canonical deadline, end of 31 May 2020 in Seoul: 7 days before = 09:00 KST 24 May = 00:00Z.
const sevenDaysBefore = new Date('2020-05-24T00:00:00Z');
const oneDayBefore = new Date('2020-05-30T00:00:00Z');
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describeStores('claims and leases', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  // Each test claims "everything due", so none may see another's alerts.
  beforeEach(async () => {
    sink.mode = 'accept';
    await clearStore(ctx.store.db);
  });

  it('a sender killed between claim and send: nothing until the lease ends, then each alert exactly once', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const deadline = await makeDeadline(db, issue.id, { notify: false });
    const people = await makeFollowers(db, issue.id, 3);
    const h = harness(db, sink);
    expect(await h.tick('2020-05-20T00:00:00Z')).toMatchObject({ planned: 0 }); // nothing due yet
    const leaseMs = h.settings.leaseMs;
    expect(leaseMs).toBe(120_000); // the default the times below are chosen around

    // The "crashed" instance: makes the three 7-day reminders when their moment comes, claims them, and
    // never sends or releases them.
    expect(await planDue(db, sevenDaysBefore, h.settings)).toBe(3);
    const lost = await claimDueAlerts(db, sevenDaysBefore, { batchSize: 200, leaseMs });
    expect(lost.map((alert) => alert.milestone)).toEqual(['before:P7D', 'before:P7D', 'before:P7D']);
    const before = sink.messages.length;

    // Another tick while the lease still runs, and one at the very instant it ends: nothing is taken.
    expect(await h.tick(at(sevenDaysBefore, 60_000))).toMatchObject({ claimed: 0, sent: 0 });
    expect(await h.tick(at(sevenDaysBefore, leaseMs))).toMatchObject({ claimed: 0, sent: 0 });
    expect(sink.messages.length).toBe(before);

    // Just after: the next tick reclaims them and sends each once.
    expect(await h.tick(at(sevenDaysBefore, leaseMs + 1))).toMatchObject({ claimed: 3, sent: 3 });
    expect(await h.tick(at(sevenDaysBefore, leaseMs + 600_000))).toMatchObject({ claimed: 0, sent: 0 });
    h.mailer.close();
    const received = sink.messages.slice(before);
    expect(received.map((message) => message.to[0]).sort()).toEqual(people.map((person) => person.email).sort());
    expect(received.every((message) => message.parsed.subject?.startsWith('Due in 7 days:'))).toBe(true);
    const rows = await db.alert.findMany({ where: { deadlineId: deadline.id, milestone: 'before:P7D' } });
    // Two attempts each (the lost claim counts), sent by the second claim, lease and token cleared.
    expect(rows.map((row) => [row.status, row.attempts, row.claimToken, row.leaseUntil])).toEqual(Array(3).fill(['sent', 2, null, null]));
  });

  it('after downtime a pass makes only the newest missed milestone, marked late, and nothing for the older one', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const deadline = await makeDeadline(db, issue.id, { notify: false });
    await makeFollowers(db, issue.id, 2);
    const settings = testSettings();
    await planDue(db, new Date('2020-05-12T10:00:00Z'), settings); // a first pass, when the deadline is added
    // Docket was down until the 30th: the 7-day moment (24 May) and the 1-day one (30 May 09:00 in Seoul) passed.
    const back = new Date(oneDayBefore.getTime() + 3_600_000);
    expect(await planDue(db, back, settings)).toBe(2);
    const claimed = await claimDueAlerts(db, back, { batchSize: 200, leaseMs: settings.leaseMs });
    expect(claimed.map((alert) => [alert.milestone, alert.lateSince?.toISOString()])).toEqual(Array(2).fill(['before:P1D', '2020-05-30T00:00:00.000Z']));
    expect(await db.alert.count({ where: { deadlineId: deadline.id, milestone: 'before:P7D' } })).toBe(0);
    // Another pass at the same instant (a second instance) makes nothing more.
    expect(await planDue(db, back, settings)).toBe(0);
  });

  it('a failed reminder re-queued by an operator (as `docket alerts retry` does) is sent at the next tick', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    await makeDeadline(db, issue.id, { notify: false });
    const [person] = await makeFollowers(db, issue.id, 1);
    const h = harness(db, sink);
    await h.tick('2020-05-20T00:00:00Z');
    sink.mode = 'permanent';
    expect(await h.tick(sevenDaysBefore)).toMatchObject({ failed: 1 });
    sink.mode = 'accept';
    // Three days later the operator fixes the mailbox and re-queues it: a fresh attempt budget, now.
    const requeuedAt = new Date('2020-05-27T02:00:00Z');
    await db.alert.updateMany({ where: { status: 'failed' }, data: { status: 'scheduled', attempts: 0, nextAttemptAt: requeuedAt, updatedAt: requeuedAt } });
    const from = sink.messages.length;
    // Its moment is three days old, but it was owed again only from the re-queue: not late, not judged.
    expect(await h.tick(new Date(requeuedAt.getTime() + 5 * 60_000))).toMatchObject({ sent: 1, lateMarked: 0, skipped: 0 });
    h.mailer.close();
    expect(sink.messages.slice(from).map((message) => [message.to[0], message.parsed.subject?.split(':')[0]])).toEqual([[person!.email, 'Due in 7 days']]);
    expect(sink.messages.at(-1)!.parsed.text).not.toContain('Sent late');
  });

  it('catch-up covers every follower, however many statements and deadlines the pass takes', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const deadline = await makeDeadline(db, issue.id, { notify: false });
    await makeFollowers(db, issue.id, 7);
    // Batches of 2: the deadlines to pass and the claims come two at a time.
    const h = harness(db, sink, { DOCKET_BATCH_SIZE: '2' });
    await h.tick('2020-05-20T00:00:00Z');
    const before = sink.messages.length;
    // Down from the 20th until noon on the due day in Seoul.
    expect(await h.tick('2020-05-31T03:00:00Z')).toMatchObject({ lateMarked: 7, sent: 7 });
    h.mailer.close();
    expect(sink.messages.slice(before).map((message) => message.parsed.subject?.split(':')[0])).toEqual(Array(7).fill('Due today'));
    const byMilestone = await db.alert.groupBy({ by: ['milestone', 'status'], where: { deadlineId: deadline.id, milestone: { not: { startsWith: 'overdue:' } } }, _count: true });
    // The superseded 7-day and 1-day reminders leave no rows at all.
    expect(Object.fromEntries(byMilestone.map((row) => [`${row.milestone} ${row.status}`, row._count]))).toEqual({ 'due sent': 7 });
  });

  if (ctx.provider === 'postgres') {
    // Only PostgreSQL has row locks to skip; on SQLite one writer at a time makes the question moot.
    it('a claim takes other rows, without waiting, while another instance holds its claim open', async () => {
      const db = ctx.store.db;
      const issue = await makeIssue(db);
      await makeDeadline(db, issue.id, { notify: false });
      await makeFollowers(db, issue.id, 10);
      const settings = testSettings();
      await planDue(db, sevenDaysBefore, settings);
      const options = { batchSize: 4, leaseMs: settings.leaseMs };
      const other = await ctx.database.open();
      try {
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let first: number[] = [];
        const holding = db.$transaction(
          async (tx) => {
            first = (await claimDueAlerts(tx, sevenDaysBefore, options)).map((alert) => alert.id);
            await held; // still uncommitted: its rows stay locked
          },
          { timeout: 20_000 },
        );
        while (first.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        const second = (await claimDueAlerts(other.db, sevenDaysBefore, options)).map((alert) => alert.id);
        release();
        await holding;
        expect(first).toHaveLength(4);
        expect(second).toHaveLength(4);
        expect(second.filter((id) => first.includes(id))).toEqual([]);
        const third = await claimDueAlerts(db, sevenDaysBefore, options);
        expect(third).toHaveLength(2);
      } finally {
        await other.close();
      }
    });
  }
});
