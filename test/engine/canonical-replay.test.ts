// The canonical case replayed hour by hour from the announcement to the end of June: subscribers in
// Seoul, Tokyo and New York get exactly the expected emails, each on the expected local morning.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harness } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

describeStores('canonical case replay', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('delivers the new-deadline notice, 7-day, 1-day, due-day and four overdue reminders at 09:00 local', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const people = {
      seoul: await makeSubscriber(db, { email: 'seoul@example.com', zone: 'Asia/Seoul' }),
      tokyo: await makeSubscriber(db, { email: 'tokyo@example.com', zone: 'Asia/Tokyo' }),
      newYork: await makeSubscriber(db, { email: 'ny@example.com', zone: 'America/New_York' }),
    };
    for (const person of Object.values(people)) await subscribe(db, person.id, issue.id);
    await makeDeadline(db, issue.id);
    const h = harness(db, sink);

    // Tick every hour on the hour; note when each message arrived.
    const arrivals: Array<{ to: string; subject: string; tickAt: string }> = [];
    let tick = DateTime.fromISO('2020-05-12T10:00:00Z', { zone: 'utc' });
    const end = DateTime.fromISO('2020-06-30T00:00:00Z', { zone: 'utc' });
    while (tick <= end) {
      const before = sink.messages.length;
      await h.tick(tick.toJSDate());
      for (const message of sink.messages.slice(before)) {
        arrivals.push({ to: message.to[0]!, subject: message.parsed.subject ?? '', tickAt: tick.toISO()! });
      }
      tick = tick.plus({ hours: 1 });
    }
    h.mailer.close();

    const localMornings = (zone: string, days: string[]) =>
      days.map((day) => DateTime.fromISO(`${day}T09:00:00`, { zone }).toUTC().toISO()!);
    const reminderDays = ['2020-05-24', '2020-05-30', '2020-05-31', '2020-06-01', '2020-06-08', '2020-06-15', '2020-06-22'];
    for (const [email, zone] of [['seoul@example.com', 'Asia/Seoul'], ['tokyo@example.com', 'Asia/Tokyo'], ['ny@example.com', 'America/New_York']] as const) {
      const mine = arrivals.filter((a) => a.to === email);
      // The new-deadline notice comes at the first tick after the announcement.
      expect(mine[0]).toMatchObject({ tickAt: '2020-05-12T10:00:00.000Z' });
      expect(mine[0]!.subject).toMatch(/^New deadline: /);
      expect(mine.slice(1).map((a) => a.tickAt)).toEqual(localMornings(zone, reminderDays));
      expect(mine.slice(1).map((a) => a.subject.split(':')[0])).toEqual([
        'Due in 7 days',
        'Due in 1 day',
        'Due today',
        'Overdue, no answer recorded',
        'Still overdue, no answer recorded',
        'Still overdue, no answer recorded',
        'Still overdue, no answer recorded',
      ]);
    }
    expect(arrivals).toHaveLength(24);
    // New York's 1-day reminder: the morning of 30 May where they live, which is before the Seoul deadline.
    expect(arrivals.find((a) => a.to === 'ny@example.com' && a.subject.startsWith('Due in 1 day'))!.tickAt).toBe('2020-05-30T13:00:00.000Z');
  });
});
