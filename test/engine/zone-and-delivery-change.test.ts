// A subscriber's zone or delivery mode changes between milestones (through the real use case, as
// `docket subscriber update` and the manage page do): every milestone not yet sent goes at the new
// zone's morning, or into the digest, and none is sent twice or lost.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { updateSubscriber } from '../../src/usecases/manage-subscribers.js';
import { every, harness, label, replay, type Arrival } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

const seen = (arrivals: Arrival[]) => arrivals.map((a) => [a.tickAt.slice(0, 16), label(a.subject)]);

describeStores('zone and delivery changes between milestones', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  async function follower(email: string, zone: string) {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email, zone });
    await subscribe(db, reader.id, issue.id);
    await makeDeadline(db, issue.id, { notify: false }); // end of 31 May 2020, Seoul
    return reader;
  }
  const change = (email: string, at: string, input: { zone?: string; delivery?: string }) => updateSubscriber({ db: ctx.store.db, now: new Date(at), actor: 'test' }, email, input);

  it('New York → Tokyo before the first reminder: every reminder at 09:00 Tokyo, none at New York\'s morning', async () => {
    await follower('ny@example.com', 'America/New_York');
    const h = harness(ctx.store.db, sink);
    await replay(h, sink, every('2020-05-12T10:00:00Z', '2020-05-20T00:00:00Z', 6));
    await change('ny@example.com', '2020-05-20T01:00:00Z', { zone: 'Asia/Tokyo' });
    const got = await replay(h, sink, every('2020-05-20T01:00:00Z', '2020-06-23T00:00:00Z', 1));
    h.mailer.close();
    expect(seen(got)).toEqual([
      ['2020-05-24T00:00', 'Due in 7 days'], // 09:00 JST
      ['2020-05-30T00:00', 'Due in 1 day'],
      ['2020-05-31T00:00', 'Due today'],
      ['2020-06-01T00:00', 'Overdue, no answer recorded'],
      ['2020-06-08T00:00', 'Still overdue, no answer recorded'],
      ['2020-06-15T00:00', 'Still overdue, no answer recorded'],
      ['2020-06-22T00:00', 'Still overdue, no answer recorded'],
    ]);
    // The email speaks the zone it was sent in.
    expect(got[0]!.message.parsed.text).toContain('Asia/Tokyo');
  });

  it('Seoul → Los Angeles after the 7-day reminder: the rest at Los Angeles mornings, moved a day early so none comes after the deadline', async () => {
    await follower('seoul@example.com', 'Asia/Seoul');
    const h = harness(ctx.store.db, sink);
    const before = await replay(h, sink, every('2020-05-12T10:00:00Z', '2020-05-25T00:00:00Z', 1));
    expect(seen(before)).toEqual([['2020-05-24T00:00', 'Due in 7 days']]);
    await change('seoul@example.com', '2020-05-25T01:30:00Z', { zone: 'America/Los_Angeles' });
    const after = await replay(h, sink, every('2020-05-25T02:00:00Z', '2020-06-02T00:00:00Z', 1));
    h.mailer.close();
    // 31 May 23:59 KST is 07:59 PDT: the due-day morning would be after it, so the schedule moves back a
    // day (29 and 30 May, 09:00 PDT = 16:00Z); overdue at the first morning after the deadline.
    expect(seen(after)).toEqual([
      ['2020-05-29T16:00', 'Due in 1 day'],
      ['2020-05-30T16:00', 'Due today'],
      ['2020-05-31T16:00', 'Overdue, no answer recorded'],
    ]);
  });

  it('a zone change just after one zone\'s moment and before the other\'s sends that milestone once', async () => {
    await follower('mover@example.com', 'Asia/Tokyo');
    const h = harness(ctx.store.db, sink);
    // The 7-day reminder reaches Tokyo at 24 May 00:00Z; then the reader moves to New York, whose 09:00
    // (13:00Z) is still to come that day: it must not come again.
    const first = await replay(h, sink, every('2020-05-12T10:00:00Z', '2020-05-24T01:00:00Z', 1));
    await change('mover@example.com', '2020-05-24T01:30:00Z', { zone: 'America/New_York' });
    const later = await replay(h, sink, every('2020-05-24T02:00:00Z', '2020-05-31T00:00:00Z', 1));
    h.mailer.close();
    expect(seen(first)).toEqual([['2020-05-24T00:00', 'Due in 7 days']]);
    expect(seen(later)).toEqual([
      ['2020-05-30T13:00', 'Due in 1 day'], // 09:00 EDT
    ]);
    // And the other way round: New York → Tokyo after New York's moment passed without a send to it in
    // Tokyo: owed once, at the next tick after the move.
    expect(await ctx.store.db.alert.count({ where: { milestone: 'before:P7D' } })).toBe(1);
  });

  it('New York → Tokyo after Tokyo\'s 7-day morning but before New York\'s: the 7-day reminder goes at once, not lost', async () => {
    await follower('late-mover@example.com', 'America/New_York');
    const h = harness(ctx.store.db, sink);
    await replay(h, sink, every('2020-05-12T10:00:00Z', '2020-05-24T02:00:00Z', 1));
    await change('late-mover@example.com', '2020-05-24T02:30:00Z', { zone: 'Asia/Tokyo' });
    const got = await replay(h, sink, every('2020-05-24T03:00:00Z', '2020-05-30T01:00:00Z', 1));
    h.mailer.close();
    expect(seen(got)).toEqual([
      ['2020-05-24T03:00', 'Due in 7 days'],
      ['2020-05-30T00:00', 'Due in 1 day'],
    ]);
    expect(got[0]!.message.parsed.text).not.toContain('Sent late');
  });

  it('immediate → daily → immediate: the 1-day reminder rides in the digest, the due-day one comes alone, nothing twice', async () => {
    await follower('switch@example.com', 'Asia/Seoul');
    const h = harness(ctx.store.db, sink);
    await replay(h, sink, every('2020-05-12T10:00:00Z', '2020-05-25T00:00:00Z', 1));
    await change('switch@example.com', '2020-05-25T01:00:00Z', { delivery: 'daily' });
    const daily = await replay(h, sink, every('2020-05-25T02:00:00Z', '2020-05-30T12:00:00Z', 1));
    await change('switch@example.com', '2020-05-30T12:30:00Z', { delivery: 'immediate' });
    const back = await replay(h, sink, every('2020-05-30T13:00:00Z', '2020-06-01T01:00:00Z', 1));
    h.mailer.close();
    expect(seen(daily).map(([at, what]) => [at, /digest|update/i.test(what!) ? 'digest' : what])).toEqual([['2020-05-30T00:00', 'digest']]);
    expect(daily[0]!.message.parsed.text).toContain('Due in 1 day');
    expect(daily[0]!.message.parsed.text).not.toContain('Sent late');
    expect(seen(back)).toEqual([
      ['2020-05-31T00:00', 'Due today'],
      ['2020-06-01T00:00', 'Overdue, no answer recorded'],
    ]);
    const rows = await ctx.store.db.alert.findMany({ where: { kind: 'reminder' }, select: { milestone: true, status: true }, orderBy: { sendAt: 'asc' } });
    expect(rows).toEqual([
      { milestone: 'before:P7D', status: 'sent' },
      { milestone: 'before:P1D', status: 'digested' },
      { milestone: 'due', status: 'sent' },
      { milestone: 'overdue:1', status: 'sent' },
    ]);
  });
});
