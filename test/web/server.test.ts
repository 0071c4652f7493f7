// The real socket: startWebServer listens, serves, and closes gracefully — a request in flight finishes,
// new connections are refused afterwards.
import http from 'node:http';
import { expect, it } from 'vitest';
import { startWebServer } from '../../src/web/server.js';
import { describeStores } from '../support/test-stores.js';
import { seedCanonical, testApp } from './support/web-app.js';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describeStores('web server', (ctx) => {
  it('listens on the given host and port, serves pages, and stops accepting after close', async () => {
    const { slug } = await seedCanonical(ctx.store);
    const { app } = await testApp(ctx.store);
    const server = await startWebServer(app, { port: 0, host: '127.0.0.1' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await get(`${server.url}/issues/${slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="subscribe-form"');
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
    await Promise.all([server.close(), server.close()]); // idempotent
    await expect(get(`${server.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
