// Docket was not running from 20 May until noon on the due day (31 May, Seoul). The first tick back
// sends what the catch-up policy says, marked late in the email, and records why the rest never went.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { every, harness, label, replay } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

const backAt = '2020-05-31T03:00:00Z'; // 12:00 KST on the due day

describeStores('catch-up after downtime', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  async function downFrom20May(env: Record<string, string> = {}) {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email: 'seoul@example.com', zone: 'Asia/Seoul' });
    await subscribe(db, reader.id, issue.id);
    const deadline = await makeDeadline(db, issue.id);
    const h = harness(db, sink, env);
    const running = await replay(h, sink, every('2020-05-12T10:00:00Z', '2020-05-20T04:00:00Z', 6));
    expect(running.map((a) => label(a.subject))).toEqual(['New deadline']);
    const back = await replay(h, sink, [backAt]);
    h.mailer.close();
    const rows = await db.alert.findMany({
      where: { deadlineId: deadline.id, kind: 'reminder', milestone: { in: ['before:P7D', 'before:P1D', 'due'] } },
      orderBy: { sendAt: 'asc' },
      select: { milestone: true, status: true, lastError: true, lateSince: true },
    });
    return { back, rows };
  }

  it('latest (default): only the due-day reminder, marked late; the 7-day and 1-day ones are never made', async () => {
    const { back, rows } = await downFrom20May();
    expect(back.map((a) => label(a.subject))).toEqual(['Due today']);
    const text = back[0]!.message.parsed.text ?? '';
    expect(text).toContain('Sent late: Docket was not running at 09:00 on Sun 31 May.');
    expect(back[0]!.message.parsed.html).toContain('Sent late: Docket was not running at 09:00 on Sun 31 May.');
    expect(rows).toEqual([{ milestone: 'due', status: 'sent', lastError: null, lateSince: new Date('2020-05-31T00:00:00Z') }]);
  });

  it('DOCKET_CATCH_UP=all: every missed reminder is sent, each marked late at its own morning', async () => {
    const { back, rows } = await downFrom20May({ DOCKET_CATCH_UP: 'all' });
    const late = back.map((a) => [label(a.subject), /Sent late: Docket was not running at (09:00 on \w+ \d+ \w+)/.exec(a.message.parsed.text ?? '')?.[1]]);
    expect(late.sort()).toEqual([
      ['Due in 1 day', '09:00 on Sat 30 May'],
      ['Due in 7 days', '09:00 on Sun 24 May'],
      ['Due today', '09:00 on Sun 31 May'],
    ]);
    expect(rows.map((row) => [row.milestone, row.status, row.lateSince?.toISOString()])).toEqual([
      ['before:P7D', 'sent', '2020-05-24T00:00:00.000Z'],
      ['before:P1D', 'sent', '2020-05-30T00:00:00.000Z'],
      ['due', 'sent', '2020-05-31T00:00:00.000Z'],
    ]);
  });

  it('a reader who subscribes after the due-day morning gets "Due today" at once, late only if Docket missed that', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    await makeDeadline(db, issue.id, { notify: false });
    const h = harness(db, sink);
    // Docket is running: it ticks at 09:00 KST on the due day, when neither reader is subscribed yet.
    await replay(h, sink, ['2020-05-12T10:00:00Z', '2020-05-31T00:00:00Z']);
    const at = (iso: string) => new Date(iso);
    const onTime = await makeSubscriber(db, { email: 'on-time@example.com', at: at('2020-05-31T06:00:00Z') }); // 15:00 KST
    await subscribe(db, onTime.id, issue.id, { at: at('2020-05-31T06:00:00Z') });
    const missed = await makeSubscriber(db, { email: 'missed@example.com', at: at('2020-05-31T05:00:00Z') }); // 14:00 KST
    await subscribe(db, missed.id, issue.id, { at: at('2020-05-31T05:00:00Z') });
    // The next tick is 10 minutes after one subscription (within the 15-minute grace) and 70 after the other.
    const got = await replay(h, sink, ['2020-05-31T06:10:00Z']);
    h.mailer.close();
    const late = (to: string) => /Sent late: .*\./.exec(got.find((a) => a.to === to)?.message.parsed.text ?? '')?.[0] ?? null;
    expect(got.map((a) => [a.to, label(a.subject)]).sort()).toEqual([['missed@example.com', 'Due today'], ['on-time@example.com', 'Due today']]);
    expect(late('on-time@example.com')).toBeNull();
    // Not "at 09:00": Docket was running then. It missed 14:00, when this reminder became owed.
    expect(late('missed@example.com')).toBe('Sent late: Docket was not running at 14:00 on Sun 31 May.');
    const rows = await db.alert.findMany({ where: { milestone: 'due', subscriberId: { in: [onTime.id, missed.id] } }, orderBy: { subscriberId: 'asc' } });
    expect(rows.map((row) => [row.status, row.sendAt.toISOString(), row.nextAttemptAt.toISOString(), row.lateSince?.toISOString() ?? null])).toEqual([
      ['sent', '2020-05-31T00:00:00.000Z', '2020-05-31T06:00:00.000Z', null],
      ['sent', '2020-05-31T00:00:00.000Z', '2020-05-31T05:00:00.000Z', '2020-05-31T05:00:00.000Z'],
    ]);
  });
});
