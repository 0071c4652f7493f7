// The OpenAPI document's answers, held to what the routes send: each documented 2xx JSON answer of the
// admin and public API, from a real request on a seeded store, is valid for its schema (ajv, JSON Schema
// 2020-12). The request bodies are generated from the routes' own zod schemas; these are written by hand.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { responseProblems } from '../support/webhook-schemas.js';
import { describeStores } from '../support/test-stores.js';
import { adminToken, seedCanonical, testApp, type TestApp } from './support/web-app.js';

it('would catch an answer that drifted from its schema', () => {
  expect(responseProblems('GET', '/api/issues', 200, [{ slug: 'x', title: 'X', status: 'open' }])).toBeNull();
  expect(responseProblems('GET', '/api/issues', 200, [{ slug: 7, title: 'X', status: 'open' }])).toContain('must be string');
  expect(responseProblems('GET', '/api/issues', 200, [{ slug: 'x', title: 'X', status: 'shelved' }])).toContain('allowed values');
  expect(responseProblems('GET', '/api/issues/{slug}', 201, {})).toContain('no 201 JSON answer');
});

describeStores('OpenAPI answers', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, documented: string, body?: unknown) => {
    const response = await t.app.inject({ method, url, headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    expect(responseProblems(method, documented, response.statusCode, response.json()), `${method} ${url}`).toBeNull();
    return response.json();
  };

  it('issues, deadlines, notes and the alert log answer as documented', async () => {
    const { slug, deadline } = await seedCanonical(ctx.store);
    await call('GET', '/api/issues', '/api/issues');
    await call('GET', `/api/issues/${slug}`, '/api/issues/{slug}');
    await call('GET', `/api/deadlines?issue=${slug}`, '/api/deadlines');
    await call('POST', '/api/issues', '/api/issues', { slug: `${slug}-2`, title: 'Second issue', parties: ['Japan'] });
    const added = await call('POST', '/api/deadlines', '/api/deadlines', { issue: slug, title: 'A second demand', due: '2020-06-30', zone: 'Asia/Seoul', demandedBy: 'South Korea', demandedOf: 'Japan' });
    await call('POST', `/api/deadlines/${added.id}/extend`, '/api/deadlines/{id}/extend', { due: '2020-07-31', note: 'Extended by a month' });
    await call('POST', `/api/deadlines/${deadline.id}/resolve`, '/api/deadlines/{id}/resolve', { status: 'met', note: 'Japan answered' });
    await call('POST', `/api/issues/${slug}/notes`, '/api/issues/{slug}/notes', { text: 'Talks resume next week' });
    await call('GET', '/api/alerts', '/api/alerts');
  });

  it('channels and sources answer as documented', async () => {
    const { slug } = await seedCanonical(ctx.store);
    const name = `desk-${slug}`;
    const added = await call('POST', '/api/channels', '/api/channels', { name, kind: 'webhook', url: 'https://hooks.example.org/docket', zone: 'Europe/Brussels' });
    expect(added.secret).toMatch(/^whsec_/);
    await call('GET', '/api/channels', '/api/channels');
    await call('DELETE', `/api/channels/${name}`, '/api/channels/{name}');
    await call('POST', '/api/sources', '/api/sources', { url: 'https://gov.example.org/press.xml', issue: slug, keywords: ['export control'] });
    await call('GET', '/api/sources', '/api/sources');
    // A candidate as the poller leaves it (its reading is tested with the feeds in test/sources).
    const at = new Date('2020-05-12T09:38:00Z');
    const candidate = await ctx.store.db.inboxItem.create({
      data: {
        key: `openapi-${slug}`, itemUrl: 'https://gov.example.org/releases/1', itemTitle: 'Export control talks', publishedAt: at, title: 'Position on export controls',
        dueAt: new Date('2020-05-31T14:59:59.999Z'), zone: 'Asia/Seoul', precision: 'day', expression: 'by the end of this month', reading: 'end of May 2020',
        announcedAt: at, demandedBy: 'South Korea', demandedOf: 'Japan', evidence: 'Seoul asked Tokyo for its position by the end of this month.', confidence: 0.9, issueSlug: slug, createdAt: at, updatedAt: at,
      },
    });
    expect((await call('GET', '/api/inbox', '/api/inbox')).length).toBeGreaterThan(0);
    await call('POST', `/api/inbox/${candidate.id}/dismiss`, '/api/inbox/{id}/dismiss', { reason: 'a duplicate of the wire story' });
  });
});
