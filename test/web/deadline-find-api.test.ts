// POST /api/deadlines/find: the intake reader behind the admin token, the same JSON as the CLI's
// `deadline find --json`, field names of the API in its errors, and nothing written to the store.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPageServer, seedHtml, type PageServer } from '../intake/support/page-server.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';
import { adminToken, testApp, type TestApp } from './support/web-app.js';

const seed = readFileSync(new URL('../fixtures/announcements/en-00-seed-article-2020-05-12.txt', import.meta.url), 'utf8');

describeStores('POST /api/deadlines/find', (ctx) => {
  let t: TestApp;
  let server: PageServer;
  beforeAll(async () => {
    t = await testApp(ctx.store);
    server = await startPageServer({ '/article': { type: 'text/html', body: seedHtml(seed) } });
  });
  afterAll(async () => {
    await t.app.close();
    await server.close();
  });
  const find = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${adminToken}` }) =>
    t.app.inject({ method: 'POST', url: '/api/deadlines/find', payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  it('proposes the seed article\'s deadline from text and from a URL, saving nothing', async () => {
    const before = await snapshotStore(ctx.store.db);
    for (const body of [{ text: seed }, { url: server.url('/article') }]) {
      const res = await find(body);
      expect(res.statusCode, res.body).toBe(200);
      const json = res.json();
      expect(json.language).toBe('en');
      expect(json.announced).toMatchObject({ at: '2020-05-12T18:38:00.000+09:00', zone: 'Asia/Seoul' });
      expect(json.candidates).toHaveLength(1);
      expect(json.candidates[0]).toMatchObject({ dueAt: '2020-05-31T23:59:59.999+09:00', demandedBy: 'South Korea', demandedOf: 'Japan', expression: 'by the end of this month' });
    }
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('reads Korean text with lang and zone given', async () => {
    const res = await find({ text: '산업통상자원부는 일본 정부에 이달 말까지 입장을 밝혀 달라고 요구했다.', lang: 'ko', zone: 'Asia/Seoul', announced: '2020-05-12' });
    expect(res.json()).toMatchObject({ language: 'ko', announced: { at: '2020-05-12T00:00:00.000+09:00', from: 'option' }, candidates: [{ expression: '이달 말까지', zone: 'Asia/Seoul' }] });
  });

  it('needs the admin token', async () => {
    expect((await find({ text: seed }, {})).statusCode).toBe(401);
    expect((await find({ text: seed }, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
  });

  it('answers bad input with 400 (503 when the page cannot be fetched), naming the field', async () => {
    const cases: Array<[unknown, number, string, RegExp]> = [
      [{}, 400, 'text', /give exactly one of them/],
      [{ text: seed, url: server.url('/article') }, 400, 'text', /give exactly one of them/],
      [{ text: '   ' }, 400, 'text', /^text "   " is empty/],
      [{ text: seed, zone: 'Mars/Olympus' }, 400, 'zone', /^zone "Mars\/Olympus"/],
      [{ url: 'ftp://example.org/x' }, 400, 'url', /^url "ftp:\/\/example\.org\/x" uses ftp/],
      [{ url: server.url('/huge') }, 400, 'url', /sends more than 5 MB/],
      [{ url: server.url('/error') }, 503, 'url', /answered HTTP 500/],
    ];
    for (const [body, status, field, message] of cases) {
      const res = await find(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json()).toMatchObject({ field });
      expect(res.json().message).toMatch(message);
    }
    expect((await find({ text: seed, lang: 'fr' })).statusCode).toBe(400);
  });
});
