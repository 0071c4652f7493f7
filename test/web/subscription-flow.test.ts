// Double opt-in end to end, with the real engine and a real SMTP server: subscribe on the issue page →
// confirmation email → confirm page (GET changes nothing) → confirm (POST) → a tick sends the reminder →
// one-click unsubscribe from the email's List-Unsubscribe header → later ticks send nothing more.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harness, type Harness } from '../support/engine-harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';
import { openForm, postForm, seedCanonical, testApp, textOf, type TestApp } from './support/web-app.js';

describeStores('double opt-in flow', (ctx) => {
  let sink: SmtpSink;
  let t: TestApp;
  let h: Harness;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await testApp(ctx.store);
    h = harness(ctx.store.db, sink);
  });
  afterAll(async () => {
    h.mailer.close();
    await t.app.close();
    await sink.close();
  });

  /** A header as sent, unfolded (mailparser turns list headers into structured objects). */
  const rawHeader = (raw: Buffer, name: string): string | undefined => {
    const head = raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
  };
  const mailTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

  it('subscribes, confirms, delivers a reminder, and stops after a one-click unsubscribe', async () => {
    const db = ctx.store.db;
    const { slug, issue } = await seedCanonical(ctx.store);
    t.clock.set('2020-05-12T10:00:00Z');

    // 1. The form.
    const { session } = await openForm(t.app, `/issues/${slug}`);
    const asked = await postForm(t.app, `/issues/${slug}/subscribe`, { email: ' Reader@Example.com ', zone: 'America/New_York', delivery: 'immediate', scope: 'issue' }, session);
    expect(asked.statusCode).toBe(200);
    expect(textOf(asked.body, 'check-inbox-title')).toBe('Check your inbox');
    expect(textOf(asked.body, 'check-inbox-email')).toBe('reader@example.com');
    expect(t.wakes.count).toBeGreaterThan(0);
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: 'reader@example.com' } });
    expect(subscriber).toMatchObject({ zone: 'America/New_York', delivery: 'immediate', confirmedAt: null });
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    expect(await db.alert.findMany({ where: { subscriberId: subscriber.id } })).toEqual([
      expect.objectContaining({ kind: 'confirm', milestone: `confirm:issue:${issue.id}`, key: `c:${subscriber.id}:issue:${issue.id}:${Date.parse('2020-05-12T10:00:00Z')}:immediate:America/New_York`, status: 'scheduled' }),
    ]);

    // 2. The confirmation email.
    // The engine sends it like any other alert, at the next tick (which the subscribe request asked for).
    expect(await h.tick(t.clock.now())).toMatchObject({ sent: 1, skipped: 0 });
    await sink.waitFor(1);
    const [confirmation] = mailTo('reader@example.com');
    expect(confirmation!.parsed.subject).toBe('Confirm your Docket subscription: Japan–South Korea export controls');
    expect(confirmation!.parsed.headers.get('list-unsubscribe')).toBeUndefined();
    expect(confirmation!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const text = confirmation!.parsed.text ?? '';
    expect(text).toContain('asked Docket to email reader@example.com about\nthe issue "Japan–South Korea export controls" and all of its deadlines.');
    expect(text).toContain('ignore this email');
    expect(text).toContain('The link works until Thu 14 May 2020, 06:00 EDT (America/New_York).');
    const confirmUrl = /http:\/\/docket\.test(\/confirm\/[\w.-]+)/.exec(text)?.[1];
    expect(confirmUrl).toBeDefined();
    expect(confirmation!.parsed.html).toContain(`href="http://docket.test${confirmUrl}"`);

    // 3. Nothing goes out to an unconfirmed address.
    await h.tick('2020-05-12T10:05:00Z');
    expect(mailTo('reader@example.com')).toHaveLength(1);

    // 4. Opening the link only asks; a link scanner fetching it confirms nothing.
    const page = await openForm(t.app, confirmUrl!);
    expect(page.response.statusCode).toBe(200);
    expect(textOf(page.response.body, 'confirm-what')).toBe('Japan–South Korea export controls');
    expect(page.response.body).toContain('id="confirm-button"');
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).confirmedAt).toBeNull();

    // 5. Pressing the button confirms; pressing it again changes nothing.
    t.clock.set('2020-05-12T10:10:00Z');
    const confirmed = await postForm(t.app, confirmUrl!, {}, page.session);
    expect(confirmed.statusCode).toBe(200);
    expect(textOf(confirmed.body, 'confirmed-title')).toBe('You are subscribed');
    expect(confirmed.body).toMatch(/id="manage-link" href="\/manage\/[\w.-]+"/);
    expect((await postForm(t.app, confirmUrl!, {}, page.session)).statusCode).toBe(200);
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ confirmedAt: new Date('2020-05-12T10:10:00Z') });
    expect(await db.subscription.findMany({ where: { subscriberId: subscriber.id } })).toEqual([expect.objectContaining({ issueId: issue.id, deadlineId: null, scope: 'issue' })]);

    // 6. The 7-day reminder at 09:00 in New York on 24 May.
    await h.tick('2020-05-12T10:15:00Z');
    const before = mailTo('reader@example.com').length;
    await h.tick('2020-05-24T13:00:00Z');
    await sink.waitFor(sink.messages.length); // delivered synchronously by the tick
    const reminders = mailTo('reader@example.com').slice(before);
    expect(reminders.map((m) => m.parsed.subject)).toEqual(["Due in 7 days: Japan's position on withdrawing the export controls — Sun 31 May 2020"]);
    const reminder = reminders[0]!;
    expect(rawHeader(reminder.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /^<http:\/\/docket\.test(\/unsubscribe\/[\w.-]+)>$/.exec(rawHeader(reminder.raw, 'List-Unsubscribe') ?? '')?.[1];
    expect(unsubscribeUrl).toBeDefined();

    // 7. The mail provider's one-click POST: no cookie, no CSRF token, just the RFC 8058 body.
    const oneClick = await t.app.inject({ method: 'POST', url: unsubscribeUrl!, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.statusCode).toBe(200);
    expect(textOf(oneClick.body, 'unsubscribed-title')).toBe('You are unsubscribed');
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(0);

    // 8. Nothing more: not the 1-day reminder, not the due-day one, not an overdue one.
    const after = mailTo('reader@example.com').length;
    for (const at of ['2020-05-30T13:00:00Z', '2020-05-31T13:00:00Z', '2020-06-01T13:00:00Z']) await h.tick(at);
    expect(mailTo('reader@example.com')).toHaveLength(after);
  });

  it('accepts the one-click POST as multipart/form-data too (RFC 8058 allows both)', async () => {
    const db = ctx.store.db;
    const { slug, issue } = await seedCanonical(ctx.store);
    const subscriber = await db.subscriber.create({ data: { email: 'multipart@example.com', zone: 'UTC', confirmedAt: new Date(), createdAt: new Date(), updatedAt: new Date() } });
    await db.subscription.create({ data: { subscriberId: subscriber.id, issueId: issue.id, scope: 'issue', createdAt: new Date() } });
    const { signToken } = await import('../../src/tokens.js');
    const { testSecret } = await import('../support/engine-harness.js');
    const url = `/unsubscribe/${signToken(testSecret, { purpose: 'unsubscribe', subscriberId: subscriber.id, linkKey: subscriber.linkKey })}`;

    // The page a person sees first only offers the button.
    const page = await t.app.inject(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="unsubscribe-button"');
    expect(page.body).toMatch(/id="manage-link" href="\/manage\/[\w.-]+"/);
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(1);

    const boundary = '---FormBoundaryjWmhtjORrn';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(200);
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    // Again, and for an address deleted since: still a calm 200.
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(200);
    await db.subscriber.delete({ where: { id: subscriber.id } });
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(200);
    expect(slug).toBeTruthy();
  });

  it('confirms a single-deadline, daily-digest subscription for one deadline only', async () => {
    const db = ctx.store.db;
    const { slug, deadline, issue } = await seedCanonical(ctx.store);
    t.clock.set('2020-05-13T00:00:00Z');
    const { session } = await openForm(t.app, `/issues/${slug}`);
    const asked = await postForm(t.app, `/issues/${slug}/subscribe`, { email: 'digest@example.com', zone: 'Europe/Berlin', delivery: 'daily', scope: `deadline:${deadline.id}` }, session);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Japan&#39;s position on withdrawing the export controls');
    const before = sink.messages.length;
    // Confirmation emails skip the digest: they go at once even for a daily-digest subscriber.
    expect(await h.tick(t.clock.now())).toMatchObject({ sent: 1 });
    await sink.waitFor(before + 1);
    const email = sink.messages.at(-1)!;
    expect(email.parsed.subject).toBe("Confirm your Docket subscription: Japan's position on withdrawing the export controls");
    expect(email.parsed.text).toContain(`the deadline "Japan's position on withdrawing the export controls" (issue: Japan–South Korea export controls).`);
    const url = /http:\/\/docket\.test(\/confirm\/[\w.-]+)/.exec(email.parsed.text ?? '')![1]!;
    const page = await openForm(t.app, url);
    expect((await postForm(t.app, url, {}, page.session)).statusCode).toBe(200);
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: 'digest@example.com' }, include: { subscriptions: true } });
    expect(subscriber).toMatchObject({ delivery: 'daily', zone: 'Europe/Berlin' });
    expect(subscriber.subscriptions).toEqual([expect.objectContaining({ issueId: issue.id, deadlineId: deadline.id, scope: `deadline:${deadline.id}` })]);
  });
});
