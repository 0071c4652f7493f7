// Issue 16: malformed URLs (400) and over-long parameters (414) are answered before routing, and on main
// those answers lacked the security headers every other response has. Every status gets the same set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../support/test-stores.js';
import { testApp, type TestApp } from './support/web-app.js';

describeStores('security headers on every response', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  const requests = [
    { what: 'a page', url: '/', status: 200 },
    { what: 'an unknown path', url: '/no-such-page', status: 404 },
    { what: 'a malformed URL', url: '/issues/%E0%A4%A', status: 400 },
    { what: 'a malformed URL to the API', url: '/api/issues/%E0%A4%A', status: 400 },
    { what: 'an over-long parameter', url: `/issues/${'a'.repeat(3000)}`, status: 414 },
    { what: 'an over-long token', url: `/unsubscribe/${'b'.repeat(3000)}`, status: 414 },
  ];

  it.each(requests)('$what ($status) carries the same security headers as a page', async ({ url, status }) => {
    const page = await t.app.inject('/');
    const response = await t.app.inject(url);
    expect(response.statusCode).toBe(status);
    for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy']) {
      expect(response.headers[name], name).toBe(page.headers[name]);
      expect(page.headers[name], name).toBeDefined();
    }
  });
});
