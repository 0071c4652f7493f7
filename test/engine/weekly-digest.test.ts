// Weekly digests: one email a week on the subscriber's weekday at 09:00 their time, across DST changes
// on both sides of UTC, holding exactly what an "immediate" twin got one by one since the last digest.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { every, harness, replay, type Arrival } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';
import type { Db } from '../../src/store/open-store.js';

/** "* item" lines of a digest's text part. */
function items(arrival: Arrival): string[] {
  return (arrival.message.parsed.text ?? '').split('\n').filter((line) => line.startsWith('* ')).map((line) => line.slice(2));
}

async function weeklyAndTwin(db: Db, zone: string, weekday: string | undefined, deadline: { announcedAt: string; dueAt: string }) {
  const issue = await makeIssue(db, { title: `Dispute in ${zone}` });
  const weekly = await makeSubscriber(db, { email: `weekly-${zone.replace('/', '-').toLowerCase()}@example.com`, zone, delivery: 'weekly', ...(weekday && { weekday }) });
  const twin = await makeSubscriber(db, { email: `twin-${zone.replace('/', '-').toLowerCase()}@example.com`, zone });
  for (const reader of [weekly, twin]) await subscribe(db, reader.id, issue.id);
  await makeDeadline(db, issue.id, { title: `Demand in ${zone}`, zone, announcedAt: new Date(deadline.announcedAt), dueAt: new Date(deadline.dueAt), expression: 'by the date' });
  return { weekly, twin };
}

/**
 * Each digest holds what the twin got since the previous one; but a reminder from before the due moment
 * ("Due in 1 day", "Due today") whose deadline has passed by the digest is left out, as the engine leaves
 * out any reminder that would arrive after its deadline: the overdue item in the same digest says it.
 */
function checkAgainstTwin(digests: Arrival[], single: Arrival[], dueAt: string): void {
  let previous = '';
  for (const digest of digests) {
    const stale = (a: Arrival) => a.subject.startsWith('Due ') && digest.tickAt > dueAt;
    const window = single.filter((a) => a.tickAt > previous && a.tickAt <= digest.tickAt && !stale(a));
    expect(items(digest).sort(), digest.tickAt).toEqual(window.map((a) => a.subject).sort());
    previous = digest.tickAt;
  }
  expect(single.filter((a) => a.tickAt > previous)).toEqual([]);
}

describeStores('weekly digest', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('New York, Mondays (the default) across the March change: 09:00 EST, then 09:00 EDT, once a week', async () => {
    const db = ctx.store.db;
    // Due by the end of Thu 12 March 2026 in New York (EDT since Sunday the 8th).
    const { weekly, twin } = await weeklyAndTwin(db, 'America/New_York', undefined, { announcedAt: '2026-02-26T15:00:00Z', dueAt: '2026-03-13T03:59:59.999Z' });
    expect(weekly.weekday).toBe('mon');
    const h = harness(db, sink);
    const arrivals = await replay(h, sink, every('2026-02-26T16:00:00Z', '2026-03-17T00:00:00Z', 1));
    h.mailer.close();
    const digests = arrivals.filter((a) => a.to === weekly.email);
    // Mon 2 Mar 09:00 EST = 14:00Z; Mon 9 and 16 Mar 09:00 EDT = 13:00Z.
    expect(digests.map((a) => a.tickAt)).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-16T13:00:00.000Z']);
    expect(digests.map((a) => a.subject)).toEqual([
      'Docket weekly digest — 1 update (Mon 2 Mar 2026)',
      'Docket weekly digest — 1 update (Mon 9 Mar 2026)',
      'Docket weekly digest — 1 update (Mon 16 Mar 2026)',
    ]);
    const single = arrivals.filter((a) => a.to === twin.email);
    // The twin heard 1 day before, on the due day and once overdue (Fri 13 Mar 09:00 EDT) that week.
    expect(single.filter((a) => a.tickAt > '2026-03-09T13:00:00.000Z').map((a) => [a.tickAt, a.subject.split(':')[0]])).toEqual([
      ['2026-03-11T13:00:00.000Z', 'Due in 1 day'],
      ['2026-03-12T13:00:00.000Z', 'Due today'],
      ['2026-03-13T13:00:00.000Z', 'Overdue, no answer recorded'],
    ]);
    checkAgainstTwin(digests, single, '2026-03-13T03:59:59.999Z');
    const rows = await db.alert.findMany({ where: { subscriberId: weekly.id, kind: 'digest' }, orderBy: { sendAt: 'asc' } });
    expect(rows.map((r) => [r.sendAt.toISOString(), r.status, r.lateSince])).toEqual(digests.map((a) => [a.tickAt, 'sent', null]));
  });

  it('Auckland, Sundays, across the April change (NZDT to NZST): 09:00 local each Sunday', async () => {
    const db = ctx.store.db;
    // Due by the end of Wed 8 April 2026 in Auckland (NZST, +12, since Sunday the 5th).
    const { weekly, twin } = await weeklyAndTwin(db, 'Pacific/Auckland', 'sun', { announcedAt: '2026-03-25T00:00:00Z', dueAt: '2026-04-08T11:59:59.999Z' });
    const h = harness(db, sink);
    const arrivals = await replay(h, sink, every('2026-03-25T01:00:00Z', '2026-04-12T00:00:00Z', 1));
    h.mailer.close();
    const digests = arrivals.filter((a) => a.to === weekly.email);
    // Sun 29 Mar 09:00 NZDT = Sat 20:00Z; Sun 5 Apr and 12 Apr 09:00 NZST = Sat 21:00Z.
    expect(digests.map((a) => a.tickAt)).toEqual(['2026-03-28T20:00:00.000Z', '2026-04-04T21:00:00.000Z', '2026-04-11T21:00:00.000Z']);
    expect(digests.map((a) => a.subject.replace(/ —.*\(/, ' ('))).toEqual(['Docket weekly digest (Sun 29 Mar 2026)', 'Docket weekly digest (Sun 5 Apr 2026)', 'Docket weekly digest (Sun 12 Apr 2026)']);
    checkAgainstTwin(digests, arrivals.filter((a) => a.to === twin.email), '2026-04-08T11:59:59.999Z');
  });
});
