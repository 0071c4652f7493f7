// Pages behind signed links: confirm, manage, unsubscribe. Forged, tampered, cut-short, wrong-purpose
// and expired links get a friendly 4xx page (never a stack trace); the manage page saves preferences,
// removes single subscriptions and everything, with its CSRF token.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/tokens.js';
import { testSecret } from '../support/engine-harness.js';
import { describeStores } from '../support/test-stores.js';
import { announcedAt, openForm, postForm, seedCanonical, testApp, textOf, type TestApp } from './support/web-app.js';

describeStores('signed-link pages', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  let serial = 0;
  async function subscriberFollowing(issueId: number, deadlineId?: number) {
    const db = ctx.store.db;
    const subscriber = await db.subscriber.create({ data: { email: `links${++serial}@example.com`, zone: 'Asia/Seoul', confirmedAt: announcedAt, createdAt: announcedAt, updatedAt: announcedAt } });
    await db.subscription.create({ data: { subscriberId: subscriber.id, issueId, scope: 'issue', createdAt: announcedAt } });
    if (deadlineId) await db.subscription.create({ data: { subscriberId: subscriber.id, issueId, deadlineId, scope: `deadline:${deadlineId}`, createdAt: announcedAt } });
    linkKeys.set(subscriber.id, subscriber.linkKey);
    return subscriber;
  }

  // Manage and unsubscribe links are bound to the row's link key, as the app signs them.
  const linkKeys = new Map<number, string>();
  const sign = (purpose: 'confirm' | 'manage' | 'unsubscribe', subscriberId: number, extra: { scope?: string; expiresAt?: Date } = {}) =>
    signToken(testSecret, { purpose, subscriberId, ...(purpose === 'confirm' ? {} : { linkKey: linkKeys.get(subscriberId) }), ...extra });

  it('refuses forged, tampered, cut-short and wrong-purpose links with a friendly 403 page', async () => {
    const { issue } = await seedCanonical(ctx.store);
    const subscriber = await subscriberFollowing(issue.id);
    const expiresAt = new Date(announcedAt.getTime() + 48 * 3_600_000);
    const confirm = sign('confirm', subscriber.id, { scope: `issue:${issue.id}`, expiresAt });
    const manage = sign('manage', subscriber.id);
    const unsubscribe = sign('unsubscribe', subscriber.id);
    const [body, mac] = confirm.split('.') as [string, string];
    const otherBody = Buffer.from(JSON.stringify({ p: 'manage', s: subscriber.id + 1 })).toString('base64url');
    const bad: Array<[string, string]> = [
      ['/confirm/', 'not-a-token'],
      ['/confirm/', `${body}.${mac.slice(0, -2)}xx`],
      ['/confirm/', confirm.slice(0, 40)],
      ['/confirm/', manage],
      ['/confirm/', unsubscribe],
      ['/manage/', confirm],
      ['/manage/', unsubscribe],
      ['/manage/', `${otherBody}.${manage.split('.')[1]}`],
      ['/unsubscribe/', manage],
      ['/unsubscribe/', confirm],
      ['/unsubscribe/', `${unsubscribe}x`],
      ['/unsubscribe/', 'a'.repeat(3000)],
    ];
    // A real CSRF session, so POSTs are judged on their link, not refused for a missing form token.
    const { session } = await openForm(t.app, `/manage/${manage}`);
    for (const [path, token] of bad) {
      for (const method of ['GET', 'POST'] as const) {
        const res =
          method === 'GET'
            ? await t.app.inject({ method, url: path + token })
            : await postForm(t.app, path + token, {}, session, {}, '198.51.100.200');
        const what = `${method} ${path}${token.slice(0, 30)}`;
        expect([403, 404, 414], what).toContain(res.statusCode);
        expect(res.headers['content-type'], what).toBe('text/html; charset=utf-8');
        if (res.statusCode === 403) expect(textOf(res.body, 'message-title'), what).toBe('This link is not valid');
        expect(res.body, what).not.toMatch(/at \w+ \(|Error:|stack/);
      }
    }
    // Nothing happened to the subscriber.
    expect(await ctx.store.db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(1);
  });

  it('says an expired confirmation link has expired (410) and offers to subscribe again', async () => {
    const { issue } = await seedCanonical(ctx.store);
    const subscriber = await ctx.store.db.subscriber.create({ data: { email: 'expired@example.com', zone: 'UTC', createdAt: announcedAt, updatedAt: announcedAt } });
    const token = sign('confirm', subscriber.id, { scope: `issue:${issue.id}`, expiresAt: new Date(announcedAt.getTime() + 48 * 3_600_000) });
    t.clock.set(new Date(announcedAt.getTime() + 48 * 3_600_000 + 1000));
    try {
      const page = await t.app.inject(`/confirm/${token}`);
      expect(page.statusCode).toBe(410);
      expect(textOf(page.body, 'message-title')).toBe('This link has expired');
      expect(page.body).toContain('Subscribe again from the issue page');
      const post = await t.app.inject({ method: 'POST', url: `/confirm/${token}` });
      // The form POST needs its CSRF token first; without one it is refused before the link is read.
      expect([403, 410]).toContain(post.statusCode);
      expect((await ctx.store.db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).confirmedAt).toBeNull();
    } finally {
      t.clock.set(announcedAt);
    }
  });

  it('shows a calm page when a confirm link points at something removed since', async () => {
    const { issue } = await seedCanonical(ctx.store);
    const subscriber = await ctx.store.db.subscriber.create({ data: { email: 'gone@example.com', zone: 'UTC', createdAt: announcedAt, updatedAt: announcedAt } });
    const expiresAt = new Date(announcedAt.getTime() + 3_600_000);
    const toMissingIssue = sign('confirm', subscriber.id, { scope: 'issue:999999', expiresAt });
    const toMissingPerson = sign('confirm', 999_999, { scope: `issue:${issue.id}`, expiresAt });
    const withoutScope = sign('confirm', subscriber.id, { expiresAt });
    for (const token of [toMissingIssue, toMissingPerson, withoutScope]) {
      const res = await t.app.inject(`/confirm/${token}`);
      expect(res.statusCode).toBe(404);
      expect(textOf(res.body, 'message-title')).toBe('Nothing to do here any more');
    }
  });

  it('manages preferences: zone and delivery are saved and what they follow is re-planned', async () => {
    const db = ctx.store.db;
    const { issue, deadline } = await seedCanonical(ctx.store);
    const subscriber = await subscriberFollowing(issue.id, deadline.id);
    await db.deadline.update({ where: { id: deadline.id }, data: { plannedAt: announcedAt } });
    const url = `/manage/${sign('manage', subscriber.id)}`;
    const { response, session } = await openForm(t.app, url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(textOf(response.body, 'manage-email')).toBe(subscriber.email);
    for (const id of ['manage-form', 'manage-zone', 'delivery-immediate', 'delivery-daily', 'save-preferences', 'unsubscribe-all', 'subscription-list']) {
      expect(response.body, id).toContain(`id="${id}"`);
    }
    expect(response.body).toContain('<meta name="robots" content="noindex, nofollow">');

    const saved = await postForm(t.app, url, { zone: 'europe/berlin', delivery: 'daily', action: 'save' }, session);
    expect(saved.statusCode).toBe(200);
    expect(textOf(saved.body, 'manage-notice')).toBe('Your preferences are saved. They apply to every reminder not yet sent.');
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ zone: 'Europe/Berlin', delivery: 'daily' });
    expect((await db.deadline.findUniqueOrThrow({ where: { id: deadline.id } })).plannedAt).toBeNull();

    const wrong = await postForm(t.app, url, { zone: 'Atlantis/Capital', delivery: 'daily', action: 'save' }, session);
    expect(wrong.statusCode).toBe(400);
    expect(textOf(wrong.body, 'manage-error')).toContain('zone &quot;Atlantis/Capital&quot; is not an IANA time zone');
    expect(wrong.body).toContain('value="Atlantis/Capital"');
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).zone).toBe('Europe/Berlin');

    // The zone finder works here too: a city in any case.
    expect((await postForm(t.app, url, { zone: 'tokyo', delivery: 'daily', action: 'save' }, session)).statusCode).toBe(200);
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).zone).toBe('Asia/Tokyo');
  });

  it('removes one subscription, then everything; refuses a manage POST without its CSRF token', async () => {
    const db = ctx.store.db;
    const { issue, deadline } = await seedCanonical(ctx.store);
    const subscriber = await subscriberFollowing(issue.id, deadline.id);
    const url = `/manage/${sign('manage', subscriber.id)}`;
    const { response, session } = await openForm(t.app, url);
    const [single, whole] = await db.subscription.findMany({ where: { subscriberId: subscriber.id }, orderBy: { scope: 'asc' } });
    expect(single!.scope).toBe(`deadline:${deadline.id}`);
    expect(response.body).toContain(`id="remove-${single!.id}"`);

    expect((await postForm(t.app, url, { remove: String(single!.id), zone: 'UTC', delivery: 'immediate' })).statusCode).toBe(403);
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(2);

    const removed = await postForm(t.app, url, { remove: String(single!.id), zone: 'Asia/Seoul', delivery: 'immediate' }, session);
    expect(removed.statusCode).toBe(200);
    expect(textOf(removed.body, 'manage-notice')).toBe("Unsubscribed from Japan's position on withdrawing the export controls (Japan–South Korea export controls).".replace(/'/g, '&#39;'));
    expect(await db.subscription.findMany({ where: { subscriberId: subscriber.id } })).toEqual([expect.objectContaining({ id: whole!.id })]);
    // Someone else's subscription id cannot be removed through this link.
    const stranger = await subscriberFollowing(issue.id);
    const strangers = await db.subscription.findFirstOrThrow({ where: { subscriberId: stranger.id } });
    const denied = await postForm(t.app, url, { remove: String(strangers.id), zone: 'UTC', delivery: 'immediate' }, session);
    expect(textOf(denied.body, 'manage-notice')).toBe('Already done: that subscription was gone.');
    expect(await db.subscription.count({ where: { subscriberId: stranger.id } })).toBe(1);

    const all = await postForm(t.app, url, { action: 'unsubscribe-all', zone: 'UTC', delivery: 'immediate' }, session);
    expect(all.statusCode).toBe(200);
    expect(textOf(all.body, 'unsubscribed-title')).toBe('You are unsubscribed');
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    const empty = await t.app.inject(url);
    expect(empty.body).toContain('id="no-subscriptions"');
  });

  it('keeps working for a subscriber deleted since: manage says so, unsubscribe still answers 200', async () => {
    const db = ctx.store.db;
    const { issue } = await seedCanonical(ctx.store);
    const subscriber = await subscriberFollowing(issue.id);
    const manage = `/manage/${sign('manage', subscriber.id)}`;
    const unsubscribe = `/unsubscribe/${sign('unsubscribe', subscriber.id)}`;
    await db.subscriber.delete({ where: { id: subscriber.id } });
    expect((await t.app.inject(manage)).statusCode).toBe(404);
    const page = await t.app.inject(unsubscribe);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="manage-link"');
    expect((await t.app.inject({ method: 'POST', url: unsubscribe })).statusCode).toBe(200);
  });
});
