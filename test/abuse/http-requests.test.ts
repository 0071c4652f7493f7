// Property: any request to any route the web app serves — odd path parameters, query strings, headers,
// bodies of every type and size, with and without the admin token and a CSRF pair — gets an answer
// below 500 with no stack trace; JSON validation errors name the field; and a refused request writes
// nothing. Runs against the real app (app.inject) on SQLite and PostgreSQL.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/tokens.js';
import { testSecret } from '../support/engine-harness.js';
import { describeStores } from '../support/test-stores.js';
import { adminToken, openForm, seedCanonical, testApp, type TestApp } from '../web/support/web-app.js';
import { appRoutes, type AppRoute } from './support/app-routes.js';
import { fuzzRequest, type FuzzRequest, type Known } from './support/http-input.js';
import { answerProblems, storeSnapshot } from './support/http-answers.js';

const unlimited = { max: 1_000_000, timeWindowMs: 60_000 };

describeStores('web app: any request', (ctx) => {
  let t: TestApp;
  let routes: AppRoute[];
  const known: Known = { slugs: [], ids: [], tokens: [], adminToken, csrf: { token: '', cookie: '' } };

  beforeAll(async () => {
    // Rate limits are tested elsewhere; here every request should reach the code behind them.
    t = await testApp(ctx.store, { deps: { options: { subscribeLimit: unlimited, linkLimit: unlimited, adminLimit: unlimited } } });
    const { slug, deadline, issue } = await seedCanonical(ctx.store);
    const subscriber = await ctx.store.db.subscriber.create({ data: { email: 'follower@example.org', zone: 'Asia/Seoul', confirmedAt: t.clock.now(), createdAt: t.clock.now(), updatedAt: t.clock.now() } });
    await ctx.store.db.subscription.create({ data: { subscriberId: subscriber.id, issueId: issue.id, deadlineId: null, scope: 'issue', createdAt: t.clock.now() } });
    known.slugs.push(slug);
    known.ids.push(String(deadline.id), String(deadline.id + 1000));
    const expires = new Date(t.clock.now().getTime() + 3_600_000);
    known.tokens.push(
      signToken(testSecret, { purpose: 'manage', subscriberId: subscriber.id }),
      signToken(testSecret, { purpose: 'unsubscribe', subscriberId: subscriber.id }),
      signToken(testSecret, { purpose: 'confirm', subscriberId: subscriber.id, scope: `issue:${issue.id}`, expiresAt: expires }),
    );
    known.csrf = (await openForm(t.app, `/issues/${slug}`)).session;
    routes = appRoutes(t.app);
  });
  afterAll(() => t.app.close());

  it('reads every route from the app, including the admin API and the signed-link pages', () => {
    expect(routes.map((route) => route.url)).toEqual(
      expect.arrayContaining(['/', '/api/issues', '/api/deadlines/:id/extend', '/api/issues/:slug/notes', '/issues/:slug/subscribe', '/confirm/:token', '/manage/:token', '/unsubscribe/:token', '/calendar.ics', '/readyz']),
    );
  });

  const send = async (request: FuzzRequest) => {
    const before = await storeSnapshot(ctx.store.db);
    const response = await t.app.inject({ ...request, method: request.method as 'GET' });
    const problems = answerProblems(request, response);
    if (response.statusCode >= 400 && (await storeSnapshot(ctx.store.db)) !== before) problems.push('the store changed although the request was refused');
    expect(problems, `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers).slice(0, 300)}\n${(request.payload ?? '').slice(0, 300)}\n→ ${response.statusCode} ${response.body.slice(0, 400)}`).toEqual([]);
  };

  it('answers below 500, without a stack trace, naming the field, and writes nothing when it refuses', async () => {
    await fc.assert(fc.asyncProperty(fuzzRequest(routes, known), send), { numRuns: Number(process.env.ABUSE_RUNS ?? 80) });
  });
});
