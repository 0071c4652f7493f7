// Several Docket instances ticking at once over one database: each alert must be claimed by exactly one
// of them, so N due reminders make exactly N emails. On PostgreSQL the instances are three store clients
// in this process. On SQLite they are three processes: that is how SQLite is deployed (one client per
// process, the service beside `docket tick`), and several better-sqlite3 connections in one thread
// deadlock, because a waiting writer's busy handler sleeps on the very thread the lock holder needs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planDue } from '../../src/engine/plan-due.js';
import { runTick, type TickResult } from '../../src/engine/run-tick.js';
import type { Store } from '../../src/store/open-store.js';
import { runFixture } from '../support/child-process.js';
import { harness, testMailer, testSecret, testSettings } from '../support/engine-harness.js';
import { makeDeadline, makeFollowers, makeIssue } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

/** The Subject header of an unparsed message, MIME encoded-words decoded (1,000 full parses cost seconds). */
function subjectOf(raw: Buffer): string {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const value = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not part of the text
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

// Canonical deadline (31 May 2020, end of day in Seoul): "7 days before" is 09:00 KST on 24 May,
// "1 day before" 09:00 KST on 30 May.
const oneDayBefore = '2020-05-30T00:00:00.000Z';

describeStores('three tick runners at once', (ctx) => {
  let sink: SmtpSink;
  const stores: Store[] = [];
  beforeAll(async () => {
    // Not parsed: 1,000 messages through mailparser would cost seconds of this process's CPU.
    sink = await startSmtpSink({ parse: false });
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await sink.close();
  });

  async function threeTicks(now: string): Promise<TickResult[]> {
    if (ctx.provider === 'sqlite') {
      const runs = [0, 1, 2].map(() => runFixture<TickResult>('test/engine/fixtures/tick-once.ts', { url: ctx.url, smtpUrl: sink.url, now }));
      return (await Promise.all(runs)).map((run) => run.result);
    }
    while (stores.length < 3) stores.push(await ctx.database.open());
    const settings = testSettings({ SMTP_URL: sink.url });
    const mailers = stores.map(() => testMailer(sink));
    try {
      return await Promise.all(stores.map((store, i) => runTick({ now: new Date(now), db: store.db, mailer: mailers[i]!, settings, secret: testSecret, random: () => 0.5 })));
    } finally {
      for (const mailer of mailers) mailer.close();
    }
  }

  function expectOneEach(emails: string[], from: number): void {
    const recipients = sink.messages.slice(from).map((message) => message.to.join(','));
    expect(recipients.length - new Set(recipients).size).toBe(0); // nobody twice
    expect(recipients.sort()).toEqual([...emails].sort());
    const subjects = sink.messages.slice(from).map((message) => subjectOf(message.raw).split(':')[0]);
    expect(new Set(subjects)).toEqual(new Set(['Due in 1 day']));
  }

  it('deliver 1,000 planned reminders exactly once between them', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    // No "new deadline" notice: the only thing owed on the 30th is the 1-day reminder (the 7-day one was
    // missed while nothing ran, and catch-up drops it as superseded).
    const deadline = await makeDeadline(db, issue.id, { notify: false });
    const people = await makeFollowers(db, issue.id, 1000);
    // A single instance runs on the 20th: nothing is due, and no rows are made ahead.
    const planning = harness(db, sink);
    expect(await planning.tick('2020-05-20T00:00:00Z')).toMatchObject({ planned: 0, sent: 0 });
    planning.mailer.close();
    // The 1-day moment comes: one pass makes the 1,000 rows; then the three runners meet over them.
    expect(await planDue(db, new Date(oneDayBefore), planning.settings)).toBe(1000);

    const from = sink.messages.length;
    const results = await threeTicks(oneDayBefore);
    expectOneEach(people.map((person) => person.email), from);
    expect(results.map((result) => result.sent).reduce((a, b) => a + b)).toBe(1000);
    expect(results.map((result) => result.failed + result.retried).reduce((a, b) => a + b)).toBe(0);
    // On PostgreSQL the work is shared (SKIP LOCKED hands each instance its own rows) rather than done
    // by one while the others find every row taken. SQLite has one writer at a time, so no such promise.
    const perRunner = JSON.stringify(results.map((result) => ({ claimed: result.claimed, sent: result.sent, ms: result.durationMs })));
    if (ctx.provider === 'postgres') expect(results.filter((result) => result.sent > 0).length, perRunner).toBeGreaterThanOrEqual(2);

    const statuses = await db.alert.groupBy({ by: ['milestone', 'status'], where: { deadlineId: deadline.id, status: { not: 'scheduled' } }, _count: true });
    expect(Object.fromEntries(statuses.map((row) => [`${row.milestone} ${row.status}`, row._count]))).toEqual({ 'before:P1D sent': 1000 });
    expect(results.map((result) => result.planned).reduce((a, b) => a + b)).toBe(0);
    // One attempt each: no alert was claimed by two runners.
    expect(await db.alert.count({ where: { deadlineId: deadline.id, status: 'sent', attempts: { not: 1 } } })).toBe(0);
  });

  it('plan and claim at once, with nothing planned before: each follower gets only the newest milestone, once', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const deadline = await makeDeadline(db, issue.id, { notify: false });
    const people = await makeFollowers(db, issue.id, 60);
    // Nobody ran before the 30th: the 7-day moment was missed. Whichever instance passes the deadline
    // makes only the 1-day rows while the others are already claiming; no 7-day row is ever made.
    const from = sink.messages.length;
    await threeTicks(oneDayBefore);
    expectOneEach(people.map((person) => person.email), from);
    expect(await db.alert.count({ where: { deadlineId: deadline.id, milestone: 'before:P7D' } })).toBe(0);
  });
});
