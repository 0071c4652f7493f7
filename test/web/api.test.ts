// The JSON API: public reads in the CLI's JSON shapes, admin writes behind the bearer token (401 without
// it, 404 when no token is configured), validation errors that name the API's field, and an OpenAPI
// document that matches the routes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../support/test-stores.js';
import { adminToken, seedCanonical, testApp, type TestApp } from './support/web-app.js';

describeStores('JSON API', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  const auth = { authorization: `Bearer ${adminToken}` };
  const post = (url: string, body: unknown, headers: Record<string, string> = auth) =>
    t.app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  it('lists issues with their next deadline, due moments written with the deadline zone\'s offset', async () => {
    const { slug, deadline } = await seedCanonical(ctx.store);
    const res = await t.app.inject('/api/issues');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const issue = res.json().find((i: { slug: string }) => i.slug === slug);
    expect(issue).toMatchObject({
      slug,
      title: 'Japan–South Korea export controls',
      status: 'open',
      parties: ['Japan', 'South Korea'],
      openDeadlines: 1,
      nextDue: {
        id: deadline.id,
        issue: slug,
        title: "Japan's position on withdrawing the export controls",
        status: 'pending',
        dueAt: '2020-05-31T23:59:59.999+09:00',
        zone: 'Asia/Seoul',
        precision: 'day',
        expression: 'by the end of this month',
        announcedAt: '2020-05-12T18:38:00.000+09:00',
      },
      links: { page: `http://docket.test/issues/${slug}`, calendar: `http://docket.test/issues/${slug}.ics`, atom: `http://docket.test/issues/${slug}.atom` },
    });
    expect((await t.app.inject('/api/issues?status=closed')).json().some((i: { slug: string }) => i.slug === slug)).toBe(false);
    const bad = await t.app.inject('/api/issues?status=sideways');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'validation', message: 'status "sideways" must be one of open, closed, all', field: 'status' });
  });

  it('shows one issue with its deadlines and history, without admins\' names', async () => {
    const { slug, deadline } = await seedCanonical(ctx.store);
    const res = await t.app.inject(`/api/issues/${slug}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.deadlines).toEqual([expect.objectContaining({ id: deadline.id, dueAt: '2020-05-31T23:59:59.999+09:00' })]);
    expect(body.history.map((e: { kind: string }) => e.kind)).toEqual(['issue.created', 'deadline.created']);
    expect(body.history[1]).toMatchObject({ at: '2020-05-12T18:38:00.000+09:00', deadline: deadline.id, notify: true });
    for (const event of body.history) expect(event).not.toHaveProperty('actor');
    expect((await t.app.inject('/api/issues/no-such-issue')).statusCode).toBe(404);
    const badSlug = await t.app.inject('/api/issues/Not%20A%20Slug');
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json()).toMatchObject({ error: 'validation', field: 'slug' });
  });

  it('filters deadlines by issue, status and due window', async () => {
    const { slug, deadline } = await seedCanonical(ctx.store);
    const ids = async (query: string) => (await t.app.inject(`/api/deadlines?${query}`)).json().map((d: { id: number }) => d.id);
    expect(await ids(`issue=${slug}`)).toEqual([deadline.id]);
    expect(await ids(`issue=${slug}&dueBefore=2020-06-01&dueAfter=2020-05-31`)).toEqual([deadline.id]);
    expect(await ids(`issue=${slug}&dueBefore=2020-05-31&zone=Asia/Seoul`)).toEqual([]);
    expect(await ids(`issue=${slug}&status=met`)).toEqual([]);
    expect(await ids(`issue=${slug}&status=all`)).toEqual([deadline.id]);
    const bad = await t.app.inject(`/api/deadlines?issue=${slug}&dueBefore=whenever`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'validation', field: 'dueBefore' });
    expect(bad.json().message).toMatch(/^dueBefore "whenever" /);
    expect((await t.app.inject('/api/deadlines?issue=no-such-issue')).json()).toMatchObject({ error: 'not_found', field: 'issue' });
    expect((await t.app.inject('/api/deadlines?status=open&status=met')).json()).toMatchObject({ error: 'validation', field: 'status' });
    // A misspelt parameter is an error, not a silently ignored filter.
    expect((await t.app.inject('/api/deadlines?dueBefor=2020-06-01')).json()).toEqual({ error: 'validation', message: '"dueBefor" is not a field this endpoint knows', field: 'dueBefor' });
  });

  it('refuses admin calls without a token or with a wrong one (401), in constant time', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: `Bearer ${adminToken}x` }, { authorization: adminToken }, { authorization: `Basic ${adminToken}` }]) {
      const res = await post('/api/issues', { slug: 'unauthorised', title: 'No' }, headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="docket-admin"');
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect((await t.app.inject('/api/alerts')).statusCode).toBe(401);
    expect(await ctx.store.db.trackedIssue.count({ where: { slug: 'unauthorised' } })).toBe(0);
  });

  it('creates issues and deadlines, extends, resolves and notes through the admin use cases', async () => {
    const slug = `api-issue-${ctx.provider}`;
    const wakesBefore = t.wakes.count;
    const created = await post('/api/issues', { slug, title: 'Export controls', parties: ['Japan', 'South Korea'], sources: ['https://example.org/a'] });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/api/issues/${slug}`);
    expect(created.json()).toMatchObject({ slug, title: 'Export controls', parties: ['Japan', 'South Korea'], status: 'open' });
    expect((await post('/api/issues', { slug, title: 'Again' })).statusCode).toBe(409);

    const deadline = await post('/api/deadlines', { issue: slug, title: 'A position by the end of the month', due: 'by the end of this month', announced: '2020-05-12T18:38', zone: 'Asia/Seoul', demandedBy: 'South Korea', demandedOf: 'Japan' });
    expect(deadline.statusCode).toBe(201);
    const d = deadline.json();
    expect(d).toMatchObject({ issue: slug, dueAt: '2020-05-31T23:59:59.999+09:00', precision: 'day', expression: 'by the end of this month', status: 'pending', revision: 0 });
    // Visible at once on the page (the cache was told), and the scheduler was woken.
    expect((await t.app.inject(`/issues/${slug}`)).body).toContain('A position by the end of the month');
    expect(t.wakes.count).toBeGreaterThan(wakesBefore);

    const extended = await post(`/api/deadlines/${d.id}/extend`, { due: '2020-06-30', note: 'Another month' });
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({ status: 'extended', revision: 1, dueAt: '2020-06-30T23:59:59.999+09:00' });
    const note = await post(`/api/issues/${slug}/notes`, { text: 'Japan declined to comment.' });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ kind: 'issue.note', actor: 'api', data: { note: 'Japan declined to comment.' } });
    const resolved = await post(`/api/deadlines/${d.id}/resolve`, { status: 'met', note: 'Answered.' });
    expect(resolved.json()).toMatchObject({ status: 'met', resolutionNote: 'Answered.' });
    const twice = await post(`/api/deadlines/${d.id}/resolve`, { status: 'missed' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe('conflict');
  });

  it('answers bad admin input with 400 naming the field', async () => {
    const { slug } = await seedCanonical(ctx.store);
    const cases: Array<[string, unknown, string]> = [
      ['/api/issues', { slug: 'Bad Slug', title: 'x' }, 'slug'],
      ['/api/issues', { slug: 'ok-slug-x', title: '' }, 'title'],
      ['/api/issues', { slug: 'ok-slug-y', title: 'x', sources: ['javascript:alert(1)'] }, 'sources'],
      ['/api/issues', { slug: 'ok-slug-z', title: 'x', colour: 'red' }, 'body'],
      ['/api/issues', { slug: 42, title: 'x' }, 'slug'],
      ['/api/deadlines', { issue: slug, title: 'x', due: '03/04/2020' }, 'due'],
      ['/api/deadlines', { issue: slug, title: 'x', due: 'tomorrow', zone: 'Mars/Olympus' }, 'zone'],
      ['/api/deadlines', { issue: slug, title: 'x', due: '2020-05-31', announced: '2030-01-01' }, 'announced'],
      ['/api/deadlines/abc/extend', { due: '2020-06-30' }, 'id'],
      ['/api/deadlines/1/resolve', { status: 'done' }, 'status'],
    ];
    for (const [url, body, field] of cases) {
      const res = await post(url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBe(400);
      const json = res.json();
      expect(json.error, url).toBe('validation');
      if (field !== 'body') expect(json.field, `${url} ${JSON.stringify(body)}: ${json.message}`).toBe(field);
      expect(json.message).not.toMatch(/--|<slug>|<id>/);
    }
    expect((await post('/api/deadlines/999999/extend', { due: '2020-06-30' })).statusCode).toBe(404);
  });

  it('lists alerts for admins, filtered by status', async () => {
    const { issue } = await seedCanonical(ctx.store);
    const subscriber = await ctx.store.db.subscriber.create({ data: { email: `alerts-${ctx.provider}@example.com`, zone: 'UTC', createdAt: new Date(), updatedAt: new Date() } });
    await ctx.store.db.alert.create({ data: { key: `c:${subscriber.id}:issue:${issue.id}:1`, kind: 'confirm', milestone: `confirm:issue:${issue.id}`, subscriberId: subscriber.id, sendAt: new Date(), nextAttemptAt: new Date(), createdAt: new Date(), updatedAt: new Date() } });
    const res = await t.app.inject({ url: '/api/alerts?status=scheduled&limit=500', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'confirm', status: 'scheduled', to: `alerts-${ctx.provider}@example.com` })]));
    expect((await t.app.inject({ url: '/api/alerts?status=lost', headers: auth })).json()).toMatchObject({ error: 'validation', field: 'status' });
    expect((await t.app.inject({ url: '/api/alerts?limit=0', headers: auth })).json()).toMatchObject({ error: 'validation', field: 'limit' });
  });

  it('has no admin routes when no admin token is configured', async () => {
    const open = await testApp(ctx.store, { env: { DOCKET_ADMIN_TOKEN: '' } });
    try {
      const res = await open.app.inject({ method: 'POST', url: '/api/issues', payload: { slug: 'x', title: 'x' }, headers: auth });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
      expect((await open.app.inject('/api/issues')).statusCode).toBe(200);
    } finally {
      await open.app.close();
    }
  });

  it('describes every API route in an OpenAPI 3.1 document', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'http://docket.test' }]);
    const documented: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{(\w+)\}/g, ':$1');
        documented.push(`${method.toUpperCase()} ${url}`);
        expect(t.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method} ${path}`).toBe(true);
      }
    }
    expect(documented.sort()).toEqual(
      [
        'GET /api/issues',
        'POST /api/issues',
        'GET /api/issues/:slug',
        'POST /api/issues/:slug/notes',
        'GET /api/deadlines',
        'POST /api/deadlines',
        'POST /api/deadlines/find',
        'POST /api/deadlines/:id/extend',
        'POST /api/deadlines/:id/resolve',
        'GET /api/alerts',
        'GET /api/channels',
        'POST /api/channels',
        'DELETE /api/channels/:name',
        'POST /api/channels/:name/test',
        'GET /api/sources',
        'POST /api/sources',
        'DELETE /api/sources/:id',
        'GET /api/inbox',
        'POST /api/inbox/:id/accept',
        'POST /api/inbox/:id/dismiss',
      ].sort(),
    );
  });
});
