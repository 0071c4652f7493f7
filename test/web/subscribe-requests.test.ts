// The subscribe form as an attacker or a careless visitor would use it: the answer never says whether an
// address is known, a stranger cannot change someone's settings, bursts are limited per address (no
// more emails) and per IP (429), input mistakes come back on the form, and forms need their CSRF token.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../support/test-stores.js';
import { openForm, postForm, seedCanonical, testApp, textOf, type TestApp } from './support/web-app.js';

describeStores('subscribe requests', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  async function subscribeAs(slug: string, fields: Record<string, string>, ip = '203.0.113.7') {
    const { session } = await openForm(t.app, `/issues/${slug}`);
    return postForm(t.app, `/issues/${slug}/subscribe`, { zone: 'UTC', delivery: 'immediate', scope: 'issue', ...fields }, session, {}, ip);
  }

  it('answers with the same page for a new, an unconfirmed and a subscribed address, and changes nobody\'s settings', async () => {
    const db = ctx.store.db;
    const { slug, issue } = await seedCanonical(ctx.store);
    t.clock.set('2020-05-12T10:00:00Z');
    // The page echoes only what was typed (the zone and the schedule in it), never the address's state.
    const same = { email: 'known@example.com', zone: 'Asia/Tokyo', delivery: 'daily' };
    const first = await subscribeAs(slug, same);
    const again = await subscribeAs(slug, same);
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: 'known@example.com' } });
    await db.subscriber.update({ where: { id: subscriber.id }, data: { confirmedAt: new Date('2020-05-12T10:01:30Z') } });
    await db.subscription.create({ data: { subscriberId: subscriber.id, issueId: issue.id, scope: 'issue', createdAt: new Date('2020-05-12T10:01:30Z') } });
    const subscribed = await subscribeAs(slug, same);
    const stranger = await subscribeAs(slug, { email: 'known@example.com', zone: 'Europe/Paris', delivery: 'immediate' });
    for (const res of [first, again, subscribed, stranger]) expect(res.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(subscribed.body).toBe(first.body);
    // A stranger's form never changes the row: what it asks for rides in its own confirmation request.
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ zone: 'Asia/Tokyo', delivery: 'daily' });
  });

  it('applies the zone and delivery of the request the owner confirms, not of an earlier stranger\'s sign-up', async () => {
    const db = ctx.store.db;
    const { slug, issue } = await seedCanonical(ctx.store);
    t.clock.set('2020-05-12T10:00:00Z');
    await subscribeAs(slug, { email: 'victim@example.com', zone: 'Pacific/Kiritimati', delivery: 'daily' }, '203.0.113.70'); // the attacker, first
    t.clock.advance(60_000);
    await subscribeAs(slug, { email: 'victim@example.com', zone: 'America/Chicago', delivery: 'immediate' }, '203.0.113.71'); // the owner
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: 'victim@example.com' } });
    expect(subscriber).toMatchObject({ zone: 'Pacific/Kiritimati', confirmedAt: null }); // unconfirmed: nothing is sent to it
    const { confirmSubscription } = await import('../../src/usecases/confirm-subscription.js');
    const { confirmTtlMs } = await import('../../src/engine/confirm-alerts.js');
    // The owner's link: the request made at 10:01 (its expiry is that plus the link's lifetime).
    const expiresAt = Math.floor((Date.parse('2020-05-12T10:01:00Z') + confirmTtlMs) / 1000);
    await confirmSubscription(db, { subscriberId: subscriber.id, scope: `issue:${issue.id}`, expiresAt }, new Date('2020-05-12T10:05:00Z'));
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ zone: 'America/Chicago', delivery: 'immediate' });
  });

  it('counts confirmation emails per mailbox: +tags do not multiply them', async () => {
    const db = ctx.store.db;
    const { slug } = await seedCanonical(ctx.store);
    t.clock.set('2020-05-13T10:00:00Z');
    for (let n = 1; n <= 5; n++) {
      const res = await subscribeAs(slug, { email: `tagged+${n}@example.net` }, `203.0.113.${80 + n}`);
      expect(res.statusCode).toBe(200);
    }
    const confirms = await db.alert.count({ where: { kind: 'confirm', subscriber: { email: { endsWith: '@example.net' } } } });
    expect(confirms).toBe(3);
  });

  it('sends at most three confirmation emails per address per 24 hours, answering the same every time', async () => {
    const db = ctx.store.db;
    const { slug } = await seedCanonical(ctx.store);
    t.clock.set('2020-05-14T00:00:00Z');
    const bodies = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await subscribeAs(slug, { email: 'Flood@Example.com' }, `198.51.100.${i}`);
      expect(res.statusCode).toBe(200);
      bodies.add(res.body);
      t.clock.advance(10 * 60_000);
    }
    expect(bodies.size).toBe(1);
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: 'flood@example.com' } });
    expect(await db.alert.count({ where: { subscriberId: subscriber.id, kind: 'confirm' } })).toBe(3);
    t.clock.set('2020-05-15T00:00:01Z'); // 24 h after the first
    await subscribeAs(slug, { email: 'flood@example.com' }, '198.51.100.77');
    expect(await db.alert.count({ where: { subscriberId: subscriber.id, kind: 'confirm' } })).toBe(4);
  });

  it('limits a burst from one IP address with 429, and leaves other addresses alone', async () => {
    const limited = await testApp(ctx.store, { deps: { options: { subscribeLimit: { max: 3, timeWindowMs: 60_000 } } } });
    try {
      const { slug } = await seedCanonical(ctx.store);
      const { session } = await openForm(limited.app, `/issues/${slug}`);
      const post = (ip: string, n: number) =>
        limited.app.inject({
          method: 'POST',
          url: `/issues/${slug}/subscribe`,
          remoteAddress: ip,
          payload: new URLSearchParams({ _csrf: session.token, email: `burst${n}@example.com`, zone: 'UTC', delivery: 'immediate', scope: 'issue' }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
        });
      const codes = [];
      for (let n = 0; n < 5; n++) codes.push((await post('192.0.2.1', n)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const refused = await post('192.0.2.1', 9);
      expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(textOf(refused.body, 'message-title')).toBe('Too many requests');
      expect(refused.headers['retry-after']).toBeDefined();
      expect((await post('192.0.2.2', 10)).statusCode).toBe(200);
      // No email was queued for the refused ones.
      expect(await ctx.store.db.subscriber.count({ where: { email: { in: ['burst3@example.com', 'burst4@example.com'] } } })).toBe(0);
    } finally {
      await limited.app.close();
    }
  });

  it('allows ten requests per IP per hour by default', async () => {
    const fresh = await testApp(ctx.store);
    try {
      const { slug } = await seedCanonical(ctx.store);
      const { session } = await openForm(fresh.app, `/issues/${slug}`);
      const codes = [];
      for (let n = 0; n < 11; n++) {
        const res = await fresh.app.inject({
          method: 'POST',
          url: `/issues/${slug}/subscribe`,
          payload: new URLSearchParams({ _csrf: session.token, email: 'not-an-address', zone: 'UTC', delivery: 'immediate', scope: 'issue' }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 10).every((code) => code === 400)).toBe(true);
      expect(codes[10]).toBe(429);
    } finally {
      await fresh.app.close();
    }
  });

  it('shows input mistakes on the form, keeping what was typed, and queues nothing', async () => {
    const db = ctx.store.db;
    const { slug } = await seedCanonical(ctx.store);
    const other = await seedCanonical(ctx.store);
    const cases: Array<[Record<string, string>, string]> = [
      [{ email: 'not-an-address' }, '“not-an-address” is not an email address.'],
      [{ email: 'zone@example.com', zone: 'Mars/Olympus' }, '“Mars/Olympus” is not a time zone we know.'],
      [{ email: 'delivery@example.com', delivery: 'hourly' }, 'Choose “Each alert as it happens” or “One daily digest”.'],
      [{ email: 'scope@example.com', scope: `deadline:${other.deadline.id}` }, 'Choose the whole issue or one of its open deadlines.'],
      [{ email: 'scope@example.com', scope: 'everything' }, 'Choose the whole issue or one of its open deadlines.'],
    ];
    for (const [fields, message] of cases) {
      const res = await subscribeAs(slug, fields, '203.0.113.50');
      expect(res.statusCode, message).toBe(400);
      expect(res.body.match(/<div class="error-summary" id="subscribe-errors"[\s\S]*?<\/div>/)?.[0], message).toContain(message.replace(/“/g, '“'));
      expect(res.body).toContain(`value="${fields.email}"`);
      expect(res.body).toContain('id="subscribe-form"');
    }
    // Every problem at once, each field marked.
    const all = await subscribeAs(slug, { email: 'nope', zone: 'Nowhere/Land', delivery: 'hourly' }, '203.0.113.51');
    expect(all.body.match(/<li><a href="#[\w-]+">/g)).toEqual(['<li><a href="#subscribe-email">', '<li><a href="#subscribe-zone">', '<li><a href="#delivery-immediate">']);
    expect(all.body.match(/aria-invalid="true"/g)).toHaveLength(2);
    expect(await db.subscriber.count({ where: { email: { in: ['not-an-address', 'zone@example.com', 'delivery@example.com', 'scope@example.com'] } } })).toBe(0);
  });

  it('refuses a form posted without its CSRF token, with a wrong one, or without the cookie (403)', async () => {
    const { slug } = await seedCanonical(ctx.store);
    const { session } = await openForm(t.app, `/issues/${slug}`);
    const fields = { email: 'csrf@example.com', zone: 'UTC', delivery: 'immediate', scope: 'issue' };
    const attempts = [
      postForm(t.app, `/issues/${slug}/subscribe`, fields, undefined, { cookie: session.cookie }, '203.0.113.60'),
      postForm(t.app, `/issues/${slug}/subscribe`, fields, { token: 'forged-token', cookie: session.cookie }, {}, '203.0.113.61'),
      postForm(t.app, `/issues/${slug}/subscribe`, { ...fields, _csrf: session.token }, undefined, {}, '203.0.113.62'),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('reload the page and try again');
    }
    expect(await ctx.store.db.subscriber.count({ where: { email: 'csrf@example.com' } })).toBe(0);
  });

  it('answers 404 for an unknown issue and 409 for a closed one', async () => {
    const { slug, issue } = await seedCanonical(ctx.store);
    const { session } = await openForm(t.app, `/issues/${slug}`);
    await ctx.store.db.trackedIssue.update({ where: { id: issue.id }, data: { status: 'closed' } });
    const fields = { email: 'late@example.com', zone: 'UTC', delivery: 'immediate', scope: 'issue' };
    expect((await postForm(t.app, `/issues/${slug}/subscribe`, fields, session, {}, '203.0.113.70')).statusCode).toBe(409);
    expect((await postForm(t.app, '/issues/no-such-issue/subscribe', fields, session, {}, '203.0.113.70')).statusCode).toBe(404);
  });
});
