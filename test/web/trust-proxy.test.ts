// Behind a reverse proxy the per-IP limits must count visitors, not the proxy: with DOCKET_TRUST_PROXY set
// to the proxy's address, X-Forwarded-For names the client; from anyone else, the header is ignored.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { describeStores } from '../support/test-stores.js';
import { openForm, seedCanonical, testApp, type TestApp } from './support/web-app.js';

const proxy = '127.0.0.1';

describeStores('client addresses behind a proxy', (ctx) => {
  let trusting: TestApp;
  let plain: TestApp;
  let slug: string;
  beforeAll(async () => {
    slug = (await seedCanonical(ctx.store)).slug;
    trusting = await testApp(ctx.store, { env: { DOCKET_TRUST_PROXY: proxy, DOCKET_SUBSCRIBE_PER_HOUR: '2' } });
    plain = await testApp(ctx.store, { env: { DOCKET_SUBSCRIBE_PER_HOUR: '2' } });
  });
  afterAll(async () => {
    await trusting.app.close();
    await plain.app.close();
  });

  async function post(t: TestApp, from: string, forwardedFor: string | null, n: number): Promise<number> {
    const { session } = await openForm(t.app, `/issues/${slug}`);
    const res = await t.app.inject({
      method: 'POST',
      url: `/issues/${slug}/subscribe`,
      remoteAddress: from,
      payload: new URLSearchParams({ _csrf: session.token, email: `proxy${n}@example.com`, zone: 'UTC', delivery: 'immediate', scope: 'issue' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    });
    return res.statusCode;
  }

  it('counts each visitor separately when the request comes through the trusted proxy', async () => {
    const visitorA = [await post(trusting, proxy, '198.51.100.1', 1), await post(trusting, proxy, '198.51.100.1', 2), await post(trusting, proxy, '198.51.100.1', 3)];
    expect(visitorA).toEqual([200, 200, 429]);
    expect(await post(trusting, proxy, '198.51.100.2', 4)).toBe(200);
  });

  it('ignores X-Forwarded-For from an address that is not the proxy', async () => {
    // A client faking a new address per request is still one client.
    const codes = [await post(trusting, '203.0.113.9', '198.51.100.10', 5), await post(trusting, '203.0.113.9', '198.51.100.11', 6), await post(trusting, '203.0.113.9', '198.51.100.12', 7)];
    expect(codes).toEqual([200, 200, 429]);
  });

  it('without DOCKET_TRUST_PROXY, everything through the proxy shares one limit', async () => {
    const codes = [await post(plain, proxy, '198.51.100.20', 8), await post(plain, proxy, '198.51.100.21', 9), await post(plain, proxy, '198.51.100.22', 10)];
    expect(codes).toEqual([200, 200, 429]);
  });
});

it('refuses a DOCKET_TRUST_PROXY that is not an address list, naming the variable and the value', () => {
  for (const value of ['everyone', '2', '10.0.0.0/33', '10.0.0.1,']) {
    expect(() => loadConfig({ env: { DOCKET_TRUST_PROXY: value } })).toThrow(new RegExp(`DOCKET_TRUST_PROXY.*${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  }
  expect(loadConfig({ env: { DOCKET_TRUST_PROXY: '10.0.0.0/8, ::1, loopback' } }).web.trustProxy).toEqual(['10.0.0.0/8', '::1', 'loopback']);
  expect(loadConfig({ env: { DOCKET_TRUST_PROXY: 'true' } }).web.trustProxy).toBe(true);
});
