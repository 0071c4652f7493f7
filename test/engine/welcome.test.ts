// The welcome email: confirming a subscription is answered at the next tick, once, in the reader's zone
// and whatever their delivery mode, and not at all if they left again before it went out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { confirmSubscription } from '../../src/usecases/confirm-subscription.js';
import { unsubscribeAll } from '../../src/usecases/unsubscribe-all.js';
import { harness } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

describeStores('welcome emails', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('go once per confirmed subscription, at once, in each reader\'s zone; nothing for one who left', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    // Due at the end of 31 May in Seoul (14:59:59 UTC), announced 12 May; no notice of its own here.
    const deadline = await makeDeadline(db, issue.id, { notify: false });
    const confirmedAt = new Date('2020-05-12T10:00:00Z');
    const tokyo = await makeSubscriber(db, { email: 'tokyo@example.com', zone: 'Asia/Tokyo', confirmed: false });
    const angeles = await makeSubscriber(db, { email: 'la@example.com', zone: 'America/Los_Angeles', delivery: 'daily', confirmed: false });
    const leaver = await makeSubscriber(db, { email: 'leaver@example.com', zone: 'Europe/London', confirmed: false });

    expect(await confirmSubscription(db, { subscriberId: tokyo.id, scope: `issue:${issue.id}` }, confirmedAt)).toMatchObject({ created: true });
    // A double click (or the link opened twice): nothing new.
    expect(await confirmSubscription(db, { subscriberId: tokyo.id, scope: `issue:${issue.id}` }, confirmedAt)).toMatchObject({ created: false });
    await confirmSubscription(db, { subscriberId: angeles.id, scope: `deadline:${deadline.id}` }, confirmedAt);
    await confirmSubscription(db, { subscriberId: leaver.id, scope: `issue:${issue.id}` }, confirmedAt);
    await unsubscribeAll(db, leaver.id);

    const h = harness(db, sink);
    await h.tick('2020-05-12T10:01:00Z');
    const to = (address: string) => sink.messages.filter((message) => message.to.includes(address));
    expect(to('tokyo@example.com')).toHaveLength(1);
    expect(to('la@example.com')).toHaveLength(1);
    expect(to('leaver@example.com')).toHaveLength(0);

    const tokyoMail = to('tokyo@example.com')[0]!.parsed;
    expect(tokyoMail.subject).toBe('You now follow Japan–South Korea export controls: next due Sun 31 May, 23:59 UTC+9');
    expect(tokyoMail.text).toContain('the issue "Japan–South Korea export controls" and all of its deadlines.');
    expect(tokyoMail.text).toContain('- Sun 24 May, 09:00 UTC+9 · Due in 7 days');
    expect(tokyoMail.text).toContain('Each comes as it falls due, in Asia/Tokyo;');

    // A daily-digest reader gets the welcome now, not in tomorrow's digest; their times are Pacific.
    const laMail = to('la@example.com')[0]!.parsed;
    expect(laMail.subject).toBe("You now follow South Korea's request for Japan's position on export controls: next due Sun 31 May, 07:59 PDT");
    expect(laMail.text).toContain('this deadline (issue: Japan–South Korea export controls).');
    expect(laMail.text).toContain('- Sat 23 May, 09:00 PDT · Due in 7 days');
    expect(laMail.text).toContain('These come gathered into one daily digest at your morning hour, in America/Los_Angeles;');

    expect(await db.alert.findMany({ where: { kind: 'welcome' }, select: { status: true, lastError: true, subscriberId: true }, orderBy: { subscriberId: 'asc' } })).toEqual([
      { status: 'sent', lastError: null, subscriberId: tokyo.id },
      { status: 'sent', lastError: null, subscriberId: angeles.id },
      { status: 'skipped', lastError: 'no longer follows this', subscriberId: leaver.id },
    ]);

    // Later ticks send no second welcome; the next email is the first reminder.
    await h.tick('2020-05-13T10:01:00Z');
    expect(to('tokyo@example.com')).toHaveLength(1);
    h.mailer.close();
  });
});

describeStores('welcome email of a weekly reader with reminder choices', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('lists only the chosen reminders and names the weekly digest\'s day', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    await makeDeadline(db, issue.id, { notify: false });
    const reader = await makeSubscriber(db, { email: 'fridays@example.com', zone: 'Asia/Seoul', delivery: 'weekly', weekday: 'fri', remindersJson: '["1d","overdue"]', confirmed: false });
    await confirmSubscription(db, { subscriberId: reader.id, scope: `issue:${issue.id}` }, new Date('2020-05-12T10:00:00Z'));
    const h = harness(db, sink);
    await h.tick('2020-05-12T10:01:00Z');
    h.mailer.close();
    const mail = sink.messages.find((message) => message.to.includes('fridays@example.com'))!.parsed;
    expect(mail.text).toContain('- Sat 30 May, 09:00 UTC+9 · Due in 1 day');
    expect(mail.text).toContain('· Overdue, if no answer is recorded by then');
    expect(mail.text).not.toContain('Due in 7 days');
    expect(mail.text).not.toContain('Due today');
    expect(mail.text).toContain('These come gathered into one weekly digest on Friday at your morning hour, in Asia/Seoul;');
  });
});
