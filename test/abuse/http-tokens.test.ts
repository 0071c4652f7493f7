// Property: the signed-link pages (confirm, manage, unsubscribe) given a token that is cut short,
// tampered with, meant for another page, expired, signed with another secret, or random bytes, answer
// 403 (not valid) or 410 (expired) with a friendly page (414 past the router's length limit), on GET
// and on POST, and change nothing.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken, type TokenPurpose } from '../../src/tokens.js';
import { testSecret } from '../support/engine-harness.js';
import { describeStores } from '../support/test-stores.js';
import { openForm, postForm, seedCanonical, testApp, type FormSession, type TestApp } from '../web/support/web-app.js';
import { storeSnapshot } from './support/http-answers.js';

const purposes: TokenPurpose[] = ['confirm', 'manage', 'unsubscribe'];
const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

type BadToken = { token: string; kind: string; expect: 403 | 410 | 414 };

describeStores('signed links: bad tokens', (ctx) => {
  let t: TestApp;
  let session: FormSession;
  let subscriberId: number;
  let scope: string;
  const unlimited = { max: 1_000_000, timeWindowMs: 60_000 };

  beforeAll(async () => {
    t = await testApp(ctx.store, { deps: { options: { linkLimit: unlimited } } });
    const { issue, slug } = await seedCanonical(ctx.store);
    const at = t.clock.now();
    subscriberId = (await ctx.store.db.subscriber.create({ data: { email: 'follower@example.org', zone: 'UTC', confirmedAt: at, createdAt: at, updatedAt: at } })).id;
    await ctx.store.db.subscription.create({ data: { subscriberId, issueId: issue.id, deadlineId: null, scope: 'issue', createdAt: at } });
    scope = `issue:${issue.id}`;
    session = (await openForm(t.app, `/issues/${slug}`)).session;
  });
  afterAll(() => t.app.close());

  const valid = (purpose: TokenPurpose, secret = testSecret, expiresAt = new Date(t.clock.now().getTime() + 3_600_000)) =>
    signToken(secret, { purpose, subscriberId, ...(purpose === 'confirm' ? { scope, expiresAt } : {}) });

  /** A bad token for `purpose`'s page, and what the page must answer. */
  const badToken = (purpose: TokenPurpose): fc.Arbitrary<BadToken> =>
    fc.oneof(
      fc.nat().map((n) => {
        const token = valid(purpose);
        return { token: token.slice(0, n % token.length), kind: 'cut short', expect: 403 as const };
      }),
      fc.tuple(fc.nat(), fc.nat({ max: 63 })).map(([at, c]) => {
        const token = valid(purpose);
        const i = at % token.length;
        const replacement = base64url[c] === token[i] ? base64url[(c + 1) % 64]! : base64url[c]!;
        return { token: token.slice(0, i) + replacement + token.slice(i + 1), kind: 'tampered', expect: 403 as const };
      }),
      fc.constantFrom(...purposes.filter((other) => other !== purpose)).map((other) => ({ token: valid(other), kind: `a ${other} link`, expect: 403 as const })),
      fc.constant({ token: valid(purpose, 'another-secret-that-is-long-enough-000'), kind: 'another secret', expect: 403 as const }),
      fc.integer({ min: 1, max: 1500 }).map((n) => ({ token: randomBytes(n).toString('base64url'), kind: 'random bytes', expect: 403 as const })),
      // Past the router's 2048-character parameter limit the answer is 414, before any token code runs.
      fc.integer({ min: 2049, max: 20_000 }).map((n) => ({ token: valid(purpose).padEnd(n, 'A'), kind: 'too long', expect: 414 as const })),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((text) => ({ token: encodeURIComponent(text), kind: 'random text', expect: 403 as const })),
      fc.constant({ token: `${valid(purpose)}.${valid(purpose)}`, kind: 'two tokens', expect: 403 as const }),
      // Expiry applies to confirmation links; the others carry none.
      ...(purpose === 'confirm' ? [fc.integer({ min: 1, max: 10_000_000 }).map((s) => ({ token: valid('confirm', testSecret, new Date(t.clock.now().getTime() - s * 1000)), kind: 'expired', expect: 410 as const }))] : []),
    );

  const request = fc.constantFrom(...purposes).chain((purpose) => fc.tuple(fc.constant(purpose), badToken(purpose), fc.constantFrom('GET', 'POST')));

  it('answers 403 (not valid), 410 (expired) or 414 (too long) with a page, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ([purpose, bad, method]) => {
        const before = await storeSnapshot(ctx.store.db);
        const url = `/${purpose}/${bad.token}`;
        const response = method === 'GET' ? await t.app.inject(url) : await postForm(t.app, url, { action: 'unsubscribe-all' }, session);
        const what = `${method} ${purpose} with ${bad.kind} token ${bad.token.slice(0, 80)} → ${response.statusCode}`;
        expect(response.statusCode, what).toBe(bad.expect);
        expect(response.headers['content-type'], what).toMatch(/^text\/html/);
        const page = { 403: /This link is not valid/, 410: /This link has expired/, 414: /That did not work/ }[bad.expect];
        expect(response.body, what).toMatch(page);
        expect(await storeSnapshot(ctx.store.db), what).toBe(before);
      }),
      { numRuns: Number(process.env.ABUSE_RUNS ?? 60) },
    );
  });
});
