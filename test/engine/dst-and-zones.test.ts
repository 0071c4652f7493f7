// Reminders at 09:00 in the subscriber's own zone through the real engine, ticking every hour: across
// both New York DST changes of 2026, and far east (Auckland) and far west (Honolulu) of a Seoul deadline.
// Expected instants are worked out by hand from docs/alert-timing.md.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { every, harness, label, replay } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeIssue, makeSubscriber, resolveDeadline, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

describeStores('local mornings across DST and zones', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  it('New York: "1 day before" at 09:00 local on the days the clocks go forward and back', async () => {
    const db = ctx.store.db;
    const since = new Date('2026-01-01T00:00:00Z');
    const issue = await makeIssue(db, { at: since });
    const reader = await makeSubscriber(db, { email: 'ny@example.com', zone: 'America/New_York', at: since });
    await subscribe(db, reader.id, issue.id, { at: since });
    const announced = new Date('2026-02-02T15:00:00Z');
    // Day precision: due by the end of the day in New York.
    // 9 March 2026 ends 23:59:59.999 EDT (UTC−4; the clocks went forward at 02:00 on Sunday 8 March).
    const march1 = await makeDeadline(db, issue.id, { title: 'March demand', dueAt: new Date('2026-03-10T03:59:59.999Z'), zone: 'America/New_York', expression: 'by 9 March', announcedAt: announced, notify: false });
    // 2 November 2026 ends 23:59:59.999 EST (UTC−5; the clocks went back at 02:00 on Sunday 1 November).
    await makeDeadline(db, issue.id, { title: 'November demand', dueAt: new Date('2026-11-03T04:59:59.999Z'), zone: 'America/New_York', expression: 'by 2 November', announcedAt: announced, notify: false });
    const h = harness(db, sink);
    await h.tick(announced);

    // Hourly on the day of the 7-day reminder, and from two days before the 1-day one to past the due
    // day (nothing falls due in between).
    const march = await replay(h, sink, [...every('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'), ...every('2026-03-07T00:00:00Z', '2026-03-10T06:00:00Z')]);
    // Met the next morning: no overdue reminders for March pile up until November.
    await resolveDeadline(db, march1.id, { status: 'met', at: new Date('2026-03-10T12:00:00Z') });
    const resolved = await replay(h, sink, ['2026-03-10T12:00:00Z']);
    const november = await replay(h, sink, [...every('2026-10-26T00:00:00Z', '2026-10-27T00:00:00Z'), ...every('2026-10-31T00:00:00Z', '2026-11-03T06:00:00Z')]);
    h.mailer.close();
    const seen = (arrivals: typeof march) => arrivals.map((a) => [a.tickAt, label(a.subject), a.subject.includes('March') ? 'March' : 'November']);
    expect(seen(march)).toEqual([
      ['2026-03-02T14:00:00.000Z', 'Due in 7 days', 'March'], // 09:00 EST
      ['2026-03-08T13:00:00.000Z', 'Due in 1 day', 'March'], // 09:00 EDT, the day the clocks went forward
      ['2026-03-09T13:00:00.000Z', 'Due today', 'March'],
    ]);
    expect(seen(resolved)).toEqual([['2026-03-10T12:00:00.000Z', 'Met', 'March']]);
    expect(seen(november)).toEqual([
      ['2026-10-26T13:00:00.000Z', 'Due in 7 days', 'November'], // 09:00 EDT
      ['2026-11-01T14:00:00.000Z', 'Due in 1 day', 'November'], // 09:00 EST, the day the clocks went back
      ['2026-11-02T14:00:00.000Z', 'Due today', 'November'],
    ]);
  });

  it('a Seoul deadline for readers in Auckland (east, no shift) and Honolulu (west, a day earlier)', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const auckland = await makeSubscriber(db, { email: 'akl@example.com', zone: 'Pacific/Auckland' });
    const honolulu = await makeSubscriber(db, { email: 'hnl@example.com', zone: 'Pacific/Honolulu' });
    await subscribe(db, auckland.id, issue.id);
    await subscribe(db, honolulu.id, issue.id);
    await makeDeadline(db, issue.id, { notify: false }); // ends 31 May 23:59:59.999 KST = 14:59:59.999Z
    const h = harness(db, sink);
    await h.tick('2020-05-12T10:00:00Z');
    // Hourly over the days the reminders fall on (both readers are a day or so off UTC's calendar).
    const arrivals = await replay(h, sink, [...every('2020-05-23T00:00:00Z', '2020-05-24T00:00:00Z'), ...every('2020-05-29T00:00:00Z', '2020-06-01T00:00:00Z')]);
    h.mailer.close();
    const of = (to: string) => arrivals.filter((a) => a.to === to).map((a) => [a.tickAt, label(a.subject)]);
    // Auckland is NZST (UTC+12) in May: 09:00 on the deadline's calendar days, 21:00Z the day before.
    // Overdue: the deadline ends at 02:59 on 1 June in Auckland, so the first morning after is 1 June.
    expect(of('akl@example.com')).toEqual([
      ['2020-05-23T21:00:00.000Z', 'Due in 7 days'],
      ['2020-05-29T21:00:00.000Z', 'Due in 1 day'],
      ['2020-05-30T21:00:00.000Z', 'Due today'],
      ['2020-05-31T21:00:00.000Z', 'Overdue, no answer recorded'],
    ]);
    // Honolulu (HST, UTC−10): 09:00 on 31 May would be after the deadline (04:59 there), so the whole
    // schedule moves a day earlier, as in the table in docs/alert-timing.md: 19:00Z each day.
    expect(of('hnl@example.com')).toEqual([
      ['2020-05-23T19:00:00.000Z', 'Due in 7 days'],
      ['2020-05-29T19:00:00.000Z', 'Due in 1 day'],
      ['2020-05-30T19:00:00.000Z', 'Due today'],
      ['2020-05-31T19:00:00.000Z', 'Overdue, no answer recorded'],
    ]);
  });
});
