// The admin API for watched sources and the inbox: the same use cases as the CLI behind the admin token,
// API field names in errors, on both stores, with a feed served on loopback.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollSource } from '../../src/sources/poll-source.js';
import { addSource, requireSource } from '../../src/usecases/manage-sources.js';
import { makeIssue } from '../support/factories.js';
import { describeStores } from '../support/test-stores.js';
import { feed, fixture, startFeedServer, type FeedServer } from '../sources/support/feed-server.js';
import { adminToken, testApp, type TestApp } from './support/web-app.js';

describeStores('/api/sources and /api/inbox', (ctx) => {
  let t: TestApp;
  let server: FeedServer;
  beforeAll(async () => {
    t = await testApp(ctx.store);
    t.clock.set('2020-05-13T03:00:00Z');
    server = await startFeedServer();
    server.serve('/ko.json', feed(() => fixture('yonhap-economy-ko.json', server.base), 'application/feed+json'));
  });
  afterAll(async () => {
    await t.app.close();
    await server.close();
  });
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, auth = true) =>
    t.app.inject({ method, url, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}), headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: `Bearer ${adminToken}` } : {}) } });

  it('adds, lists and removes sources; accepts and dismisses candidates', async () => {
    const issue = await makeIssue(ctx.store.db, { slug: 'jk-api' });
    const created = await call('POST', '/api/sources', { url: server.url('/ko.json'), issue: issue.slug, keywords: ['수출규제'], every: 'PT1H', lang: 'ko' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ issue: 'jk-api', keywords: ['수출규제'], every: 'PT1H', lang: 'ko', status: 'active' });
    expect((await call('GET', '/api/sources')).json()).toHaveLength(1);
    const id = created.json().id as number;
    const report = await pollSource(ctx.store.db, await requireSource(ctx.store.db, id), { now: t.clock.now(), defaultZone: 'UTC' });
    expect(report.added).toHaveLength(1);

    const inbox = (await call('GET', '/api/inbox')).json();
    expect(inbox).toMatchObject([{ status: 'new', title: '수출규제 철회에 대한 구체적인 입장을 밝혀', dueAt: '2020-05-31T23:59:59.999+09:00', issue: 'jk-api' }]);
    const accepted = await call('POST', `/api/inbox/${inbox[0].id}/accept`, { title: 'A concrete position on lifting the curbs' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ title: 'A concrete position on lifting the curbs', dueAt: '2020-05-31T23:59:59.999+09:00', zone: 'Asia/Seoul' });
    expect(t.wakes.count).toBeGreaterThan(0);
    const again = await call('POST', `/api/inbox/${inbox[0].id}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect((await call('POST', `/api/inbox/${inbox[0].id}/dismiss`, { reason: 'x' })).statusCode).toBe(409);

    expect((await call('DELETE', `/api/sources/${id}`)).statusCode).toBe(204);
    expect((await call('GET', '/api/sources')).json()).toEqual([]);
    expect((await call('GET', '/api/inbox?status=accepted')).json()).toHaveLength(1);
  });

  it('needs the admin token, and names API fields in errors', async () => {
    expect((await call('GET', '/api/inbox', undefined, false)).statusCode).toBe(401);
    expect((await call('GET', '/api/sources', undefined, false)).statusCode).toBe(401);
    const cases: Array<[string, string, unknown, number, string, RegExp]> = [
      ['POST', '/api/sources', { url: 'ftp://example.org/x' }, 400, 'url', /^url "ftp:\/\/example\.org\/x" uses ftp/],
      ['POST', '/api/sources', { url: 'https://example.org/feed', every: 'PT1M' }, 400, 'every', /^every "PT1M" must be between PT5M and P7D$/],
      ['GET', '/api/inbox?status=maybe', undefined, 400, 'status', /^status "maybe" must be one of/],
      ['POST', '/api/inbox/999/dismiss', {}, 404, 'inbox item', /no inbox item "999"/],
      ['DELETE', '/api/sources/abc', undefined, 400, 'id', /^id "abc" is not a source id/],
    ];
    for (const [method, url, body, status, field, message] of cases) {
      const res = await call(method as 'GET', url, body);
      expect({ url, status: res.statusCode }).toEqual({ url, status });
      expect(res.json()).toMatchObject({ field });
      expect(res.json().message).toMatch(message);
    }
  });
});

describeStores('/metrics for watched sources', (ctx) => {
  let t: TestApp;
  let server: FeedServer;
  beforeAll(async () => {
    t = await testApp(ctx.store);
    server = await startFeedServer();
    server.serve('/ok.json', feed(() => fixture('yonhap-economy-ko.json', server.base), 'application/feed+json'));
  });
  afterAll(async () => {
    await t.app.close();
    await server.close();
  });

  it('exports each feed\'s failures, last success and next poll, and the inbox by status', async () => {
    const at = new Date('2020-05-13T03:00:00Z');
    const ok = await addSource({ db: ctx.store.db, now: at, actor: 'test' }, { url: server.url('/ok.json'), keywords: '수출규제' });
    const down = await addSource({ db: ctx.store.db, now: at, actor: 'test' }, { url: server.url('/missing.xml') });
    await pollSource(ctx.store.db, ok, { now: at, defaultZone: 'UTC' });
    await pollSource(ctx.store.db, down, { now: at, defaultZone: 'UTC' });
    const body = (await t.app.inject('/metrics')).body;
    expect(body).toContain(`docket_source_failures{source="${ok.id}",status="active"} 0`);
    expect(body).toContain(`docket_source_failures{source="${down.id}",status="active"} 1`);
    expect(body).toContain(`docket_source_last_success_timestamp_seconds{source="${ok.id}",status="active"} ${at.getTime() / 1000}`);
    expect(body).not.toContain(`docket_source_last_success_timestamp_seconds{source="${down.id}"`);
    expect(body).toContain(`docket_source_next_poll_timestamp_seconds{source="${ok.id}",status="active"} ${at.getTime() / 1000 + 1800}`);
    expect(body).toContain('docket_inbox_candidates{status="new"} 1');
  });
});
