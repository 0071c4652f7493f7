// Ticking again at the same instant, or at an earlier one (the clock stepped back: NTP, a VM restored,
// `docket tick --now` replaying the past), sends nothing new and changes no alert.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harness, label } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

describeStores('ticks are idempotent', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('a repeated tick, or one with the clock turned back, sends nothing new and changes no alert', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const seoul = await makeSubscriber(db, { email: 'seoul@example.com', zone: 'Asia/Seoul' });
    const newYork = await makeSubscriber(db, { email: 'ny@example.com', zone: 'America/New_York' });
    await subscribe(db, seoul.id, issue.id);
    await subscribe(db, newYork.id, issue.id);
    await makeDeadline(db, issue.id); // announced 09:38Z on 12 May, due end of 31 May in Seoul
    const h = harness(db, sink);
    const snapshot = () =>
      db.alert.findMany({ orderBy: { id: 'asc' }, select: { key: true, status: true, attempts: true, sentAt: true, nextAttemptAt: true, lateSince: true, lastError: true } });

    // Each step: the instant, and the emails (to, subject label) that tick should send.
    const steps: Array<[string, Array<[string, string]>]> = [
      ['2020-05-12T10:00:00Z', [['ny@example.com', 'New deadline'], ['seoul@example.com', 'New deadline']]],
      ['2020-05-12T10:00:00Z', []], // same instant again
      ['2020-05-11T00:00:00Z', []], // before the deadline was even announced
      ['2020-05-24T00:00:00Z', [['seoul@example.com', 'Due in 7 days']]], // 09:00 in Seoul
      ['2020-05-24T00:00:00Z', []],
      ['2020-05-20T00:00:00Z', []], // back four days
      ['2020-05-24T13:00:00Z', [['ny@example.com', 'Due in 7 days']]], // 09:00 in New York
      ['2020-05-24T12:59:59.999Z', []], // a millisecond before that
      ['2020-05-12T10:00:00Z', []], // all the way back
      ['2020-05-24T13:00:00Z', []], // and forward again to the last instant
    ];
    for (const [at, expected] of steps) {
      const before = await snapshot();
      const from = sink.messages.length;
      const result = await h.tick(at);
      const sent = sink.messages.slice(from).map((message) => [message.to[0], label(message.parsed.subject ?? '')]);
      expect(sent.sort(), at).toEqual(expected);
      expect(result.sent, at).toBe(expected.length);
      if (expected.length === 0) {
        expect(result, at).toMatchObject({ planned: 0, claimed: 0, lateMarked: 0, digests: 0 });
        expect(await snapshot(), at).toEqual(before);
      }
    }
    h.mailer.close();
    // Every alert sent so far went once, at its first attempt.
    const sentRows = await db.alert.findMany({ where: { status: 'sent' }, select: { attempts: true } });
    expect(sentRows).toEqual(Array(4).fill({ attempts: 1 }));
  });
});
