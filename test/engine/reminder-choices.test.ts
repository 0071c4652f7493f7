// Choices change what is not yet sent: a new weekday moves the waiting digest, turning 7d off drops a
// 7-day reminder already waiting in a digest, a switch to immediate sends what waited, overdue off drops
// the overdue alert, and turning it back on brings back the repeats still ahead. Seoul, canonical case:
// due end of 31 May 2020; 00:00Z is 09:00 in Seoul.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { every, harness, label, replay, type Arrival } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';
import { updateSubscriber } from '../../src/usecases/manage-subscribers.js';
import { savePreferences } from '../../src/usecases/save-preferences.js';

describeStores('reminder choices and digest changes', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  const update = (email: string, at: string, changes: { delivery?: string; weekday?: string; reminders?: string }) =>
    updateSubscriber({ db: ctx.store.db, now: new Date(at), actor: 'test-admin' }, email, changes);

  it('weekly: a new weekday, 7d turned off while waiting, then immediate delivery', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db, { title: 'Export controls' });
    const reader = await makeSubscriber(db, { email: 'weekly@example.com', delivery: 'weekly' }); // Mondays
    await subscribe(db, reader.id, issue.id);
    await makeDeadline(db, issue.id);
    const h = harness(db, sink);
    const arrivals: Arrival[] = [];
    const run = async (from: string, to: string) => arrivals.push(...(await replay(h, sink, every(from, to, 6))));

    await run('2020-05-12T12:00:00Z', '2020-05-13T00:00:00Z'); // the notice waits for Monday
    // Wednesday: the manage page moves the digest to Thursdays; the notice goes then, not on Monday.
    await savePreferences(db, reader.id, { zone: 'Asia/Seoul', delivery: 'weekly', weekday: 'thu' }, new Date('2020-05-13T03:00:00Z'));
    await run('2020-05-13T06:00:00Z', '2020-05-24T00:00:00Z');
    expect(arrivals.map((a) => [a.tickAt, a.subject])).toEqual([['2020-05-14T00:00:00.000Z', 'Docket weekly digest — 1 update (Thu 14 May 2020)']]);
    // The 7-day reminder (Sun 24 May, 09:00) is made and waits for Thursday's digest.
    const sevenDay = await db.alert.findFirstOrThrow({ where: { subscriberId: reader.id, milestone: 'before:P7D' } });
    expect(sevenDay.status).toBe('scheduled');

    await update(reader.email, '2020-05-24T03:00:00Z', { reminders: '1d,due,overdue' });
    await run('2020-05-24T06:00:00Z', '2020-05-29T00:00:00Z');
    expect(arrivals).toHaveLength(1); // Thursday 28 May: its only item was turned off, so no digest
    expect(await db.alert.findUniqueOrThrow({ where: { id: sevenDay.id } })).toMatchObject({ status: 'skipped', lastError: 'the subscriber turned this reminder off', digestKey: null });
    expect(await db.alert.count({ where: { subscriberId: reader.id, kind: 'digest' } })).toBe(1);

    // Friday: each alert as it happens from now on.
    await update(reader.email, '2020-05-29T03:00:00Z', { delivery: 'immediate' });
    await run('2020-05-29T06:00:00Z', '2020-06-01T00:00:00Z');
    expect(arrivals.slice(1).map((a) => [a.tickAt, label(a.subject)])).toEqual([
      ['2020-05-30T00:00:00.000Z', 'Due in 1 day'],
      ['2020-05-31T00:00:00.000Z', 'Due today'],
      ['2020-06-01T00:00:00.000Z', 'Overdue, no answer recorded'],
    ]);
    expect(arrivals.every((a) => a.to === reader.email)).toBe(true);
    h.mailer.close();
  });

  it('immediate: 7d off skips the 7-day reminder, overdue off skips overdue, all brings back the repeats ahead', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db, { title: 'Fisheries' });
    const reader = await makeSubscriber(db, { email: 'choosy@example.com', zone: 'Asia/Seoul' });
    await subscribe(db, reader.id, issue.id);
    await makeDeadline(db, issue.id, { title: 'Reply on quotas' });
    const h = harness(db, sink);
    const arrivals: Arrival[] = [];
    const run = async (from: string, to: string) => arrivals.push(...(await replay(h, sink, every(from, to, 6))));
    const mine = () => arrivals.filter((a) => a.to === reader.email).map((a) => [a.tickAt, label(a.subject)]);

    await update(reader.email, '2020-05-12T10:00:00Z', { reminders: '1d,due,overdue' });
    await run('2020-05-12T12:00:00Z', '2020-05-31T12:00:00Z');
    await update(reader.email, '2020-05-31T13:00:00Z', { reminders: '7d,1d,due' });
    await run('2020-05-31T18:00:00Z', '2020-06-03T00:00:00Z');
    await update(reader.email, '2020-06-03T01:00:00Z', { reminders: 'all' });
    await run('2020-06-03T06:00:00Z', '2020-06-08T00:00:00Z');
    h.mailer.close();
    expect(mine()).toEqual([
      ['2020-05-12T12:00:00.000Z', 'New deadline'],
      ['2020-05-30T00:00:00.000Z', 'Due in 1 day'],
      ['2020-05-31T00:00:00.000Z', 'Due today'],
      // No 7-day reminder (24 May) and no first overdue alert (1 June); the weekly repeat of 8 June comes.
      ['2020-06-08T00:00:00.000Z', 'Still overdue, no answer recorded'],
    ]);
    const skipped = await db.alert.findMany({ where: { subscriberId: reader.id, status: 'skipped' }, orderBy: { sendAt: 'asc' } });
    expect(skipped.map((a) => [a.milestone, a.lastError])).toEqual([
      ['before:P7D', 'the subscriber turned this reminder off'],
      ['overdue:1', 'the subscriber turned this reminder off'],
    ]);
  });

  it('weekly: 7d off and back on before the digest keeps it; a new zone moves the digest to its Monday morning', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db, { title: 'Semiconductors' });
    const reader = await makeSubscriber(db, { email: 'mover@example.com', delivery: 'weekly' }); // Mondays, Seoul
    await subscribe(db, reader.id, issue.id);
    await makeDeadline(db, issue.id, { title: 'Position on materials' });
    const h = harness(db, sink);
    const arrivals: Arrival[] = [];
    const run = async (from: string, to: string, step: number) => arrivals.push(...(await replay(h, sink, every(from, to, step))));
    const mine = () => arrivals.filter((a) => a.to === reader.email);

    await run('2020-05-12T12:00:00Z', '2020-05-24T00:00:00Z', 6); // Mon 18 May: the notice
    expect(mine().map((a) => a.tickAt)).toEqual(['2020-05-18T00:00:00.000Z']);
    await update(reader.email, '2020-05-24T03:00:00Z', { reminders: '1d,due,overdue' });
    await update(reader.email, '2020-05-24T09:00:00Z', { reminders: 'all' });
    // Sunday afternoon: the reader moves to New York; Monday's digest comes at 09:00 EDT, not 09:00 KST.
    await savePreferences(db, reader.id, { zone: 'America/New_York', delivery: 'weekly', weekday: 'mon' }, new Date('2020-05-24T12:00:00Z'));
    await run('2020-05-24T13:00:00Z', '2020-05-25T14:00:00Z', 1);
    h.mailer.close();
    expect(mine().map((a) => [a.tickAt, a.subject])).toEqual([
      ['2020-05-18T00:00:00.000Z', 'Docket weekly digest — 1 update (Mon 18 May 2020)'],
      ['2020-05-25T13:00:00.000Z', 'Docket weekly digest — 1 update (Mon 25 May 2020)'],
    ]);
    expect((mine()[1]!.message.parsed.text ?? '').split('\n').filter((line) => line.startsWith('* '))).toEqual(['* Due in 7 days: Position on materials — Sun 31 May 2020']);
  });
});
