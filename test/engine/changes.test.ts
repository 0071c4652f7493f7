// Changes after reminders were planned, written the way the use cases write them: an extension re-plans
// from the new date, a resolution stops reminders and sends one notice, an unsubscribe stops everything,
// and a subscription to one deadline carries only that deadline. Ticks run daily at 00:00Z (09:00 in
// Seoul, where every reader here lives) and at the moment of each change.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { every, harness, label, replay, type Arrival } from '../support/engine-harness.js';
import { clearStore, extendDeadline, makeDeadline, makeIssue, makeSubscriber, resolveDeadline, subscribe, unsubscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

const seen = (arrivals: Arrival[], to?: string) => arrivals.filter((a) => to === undefined || a.to === to).map((a) => [a.tickAt.slice(0, 16), label(a.subject)]);

describeStores('changes to what is followed', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  it('an extension re-plans from the new date; the old date\'s sent 1-day reminder does not block the new one', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email: 'seoul@example.com' });
    await subscribe(db, reader.id, issue.id);
    const deadline = await makeDeadline(db, issue.id); // end of 31 May 2020, Seoul
    const h = harness(db, sink);
    const before = await replay(h, sink, every('2020-05-13T00:00:00Z', '2020-05-30T00:00:00Z', 24));
    // At noon in Seoul on 30 May, after the 1-day reminder: extended to the end of June.
    await extendDeadline(db, deadline.id, { dueAt: new Date('2020-06-30T14:59:59.999Z'), at: new Date('2020-05-30T03:00:00Z') });
    const afterwards = await replay(h, sink, ['2020-05-30T03:00:00Z', ...every('2020-05-31T00:00:00Z', '2020-07-09T00:00:00Z', 24)]);
    h.mailer.close();

    expect(seen(before)).toEqual([
      ['2020-05-13T00:00', 'New deadline'],
      ['2020-05-24T00:00', 'Due in 7 days'],
      ['2020-05-30T00:00', 'Due in 1 day'],
    ]);
    expect(seen(afterwards)).toEqual([
      ['2020-05-30T03:00', 'Extended'],
      // Nothing on 31 May or 1 June (the old due day and overdue day); the new date's schedule instead.
      ['2020-06-23T00:00', 'Due in 7 days'],
      ['2020-06-29T00:00', 'Due in 1 day'],
      ['2020-06-30T00:00', 'Due today'],
      ['2020-07-01T00:00', 'Overdue, no answer recorded'],
      ['2020-07-08T00:00', 'Still overdue, no answer recorded'],
    ]);
    expect(afterwards[0]!.subject).toContain('Sun 31 May 2020 → Tue 30 Jun 2020');
    expect(afterwards[1]!.subject).toContain('Tue 30 Jun 2020');

    // The old revision: what went out stays sent; its later milestones were never made.
    const old = await db.alert.findMany({ where: { deadlineId: deadline.id, key: { startsWith: `r:${reader.id}:${deadline.id}:0:` } }, orderBy: { sendAt: 'asc' } });
    expect(old.map((row) => [row.milestone, row.status])).toEqual([
      ['before:P7D', 'sent'],
      ['before:P1D', 'sent'],
    ]);
  });

  it('a resolution stops the reminders and sends one notice', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email: 'seoul@example.com' });
    await subscribe(db, reader.id, issue.id);
    const deadline = await makeDeadline(db, issue.id, { notify: false });
    const h = harness(db, sink);
    const before = await replay(h, sink, every('2020-05-20T00:00:00Z', '2020-05-26T00:00:00Z', 24));
    await resolveDeadline(db, deadline.id, { status: 'met', at: new Date('2020-05-26T05:00:00Z'), note: 'Japan stated its position' });
    const afterwards = await replay(h, sink, ['2020-05-26T05:00:00Z', ...every('2020-05-27T00:00:00Z', '2020-06-30T00:00:00Z', 24)]);
    h.mailer.close();
    expect(seen(before)).toEqual([['2020-05-24T00:00', 'Due in 7 days']]);
    expect(seen(afterwards)).toEqual([['2020-05-26T05:00', 'Met']]);
    expect(afterwards[0]!.message.parsed.text).toContain('Japan stated its position');
    // Nothing was made for the milestones after the resolution, and nothing is waiting.
    const rest = await db.alert.count({ where: { deadlineId: deadline.id, kind: 'reminder', status: { not: 'sent' } } });
    expect(rest).toBe(0);
    expect(await db.deadline.findUniqueOrThrow({ where: { id: deadline.id }, select: { nextReminderAt: true } })).toEqual({ nextReminderAt: null });
  });

  it('an unsubscribe before the moment: nothing more is sent to that reader; the other still gets all', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const leaving = await makeSubscriber(db, { email: 'leaving@example.com' });
    const staying = await makeSubscriber(db, { email: 'staying@example.com' });
    await subscribe(db, leaving.id, issue.id);
    await subscribe(db, staying.id, issue.id);
    await makeDeadline(db, issue.id, { notify: false });
    const h = harness(db, sink);
    const before = await replay(h, sink, every('2020-05-20T00:00:00Z', '2020-05-29T00:00:00Z', 24));
    await unsubscribe(db, leaving.id, issue.id); // 29 May, before the 1-day reminder of the 30th
    const afterwards = await replay(h, sink, every('2020-05-29T12:00:00Z', '2020-06-30T00:00:00Z', 24));
    h.mailer.close();
    expect(seen(before, 'leaving@example.com')).toEqual([['2020-05-24T00:00', 'Due in 7 days']]);
    expect(seen(afterwards, 'leaving@example.com')).toEqual([]);
    expect(seen(afterwards, 'staying@example.com').map(([, what]) => what)).toEqual([
      'Due in 1 day',
      'Due today',
      'Overdue, no answer recorded',
      'Still overdue, no answer recorded',
      'Still overdue, no answer recorded',
      'Still overdue, no answer recorded',
    ]);
  });

  it('a reader subscribed to one deadline gets only that deadline\'s emails', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const may = await makeDeadline(db, issue.id, { title: 'May demand' }); // end of 31 May, Seoul
    const june = await makeDeadline(db, issue.id, { title: 'June demand', dueAt: new Date('2020-06-15T14:59:59.999Z'), expression: 'by 15 June' });
    const one = await makeSubscriber(db, { email: 'one@example.com' });
    const all = await makeSubscriber(db, { email: 'all@example.com' });
    await subscribe(db, one.id, issue.id, { deadlineId: may.id });
    await subscribe(db, all.id, issue.id);
    const h = harness(db, sink, { DOCKET_OVERDUE_MAX: '1' });
    const arrivals = await replay(h, sink, every('2020-05-13T00:00:00Z', '2020-06-20T00:00:00Z', 24));
    h.mailer.close();
    const about = (to: string) => arrivals.filter((a) => a.to === to).map((a) => `${label(a.subject)} / ${a.subject.includes('May demand') ? 'May' : a.subject.includes('June demand') ? 'June' : '?'}`);
    expect(about('one@example.com')).toEqual(['New deadline / May', 'Due in 7 days / May', 'Due in 1 day / May', 'Due today / May', 'Overdue, no answer recorded / May']);
    expect(about('all@example.com')).toEqual([
      'New deadline / May',
      'New deadline / June',
      'Due in 7 days / May',
      'Due in 1 day / May',
      'Due today / May',
      'Overdue, no answer recorded / May',
      'Due in 7 days / June',
      'Due in 1 day / June',
      'Due today / June',
      'Overdue, no answer recorded / June',
    ]);
    expect(await db.alert.count({ where: { subscriberId: one.id, deadlineId: june.id } })).toBe(0);
  });
});
