// A feed that fails in every way the issue names: server down, 500, 429 with Retry-After, malformed XML,
// an unreadable encoding, a 20 MB body, a gzip bomb, a redirect loop, a stall. Each leaves a clear status on the source, writes
// nothing else, backs off, and the next poll (the feed fixed) works. Both stores.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { claimDueSources, claimSource } from '../../src/sources/claim-sources.js';
import { feedLimits } from '../../src/sources/fetch-feed.js';
import { pollDueSources } from '../../src/sources/poll-due-sources.js';
import { pollSource } from '../../src/sources/poll-source.js';
import { addSource, requireSource, setSourcePaused } from '../../src/usecases/manage-sources.js';
import { describeStores } from '../support/test-stores.js';
import { feed, fixture, gzipBomb, huge, redirectLoop, stall, startFeedServer, status, type FeedServer, type Route } from './support/feed-server.js';

const now = new Date('2020-05-13T03:00:00Z');
const limits = { ...feedLimits, timeoutMs: 1_500 };
let server: FeedServer;
let downUrl: string;
beforeAll(async () => {
  server = await startFeedServer();
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/feed.xml`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});
afterAll(() => server?.close());

const faults: Array<[string, Route | 'down', RegExp]> = [
  ['server down', 'down', /could not be fetched \(ECONNREFUSED\)/],
  ['HTTP 500', status(500), /answered HTTP 500 Internal Server Error/],
  ['HTTP 429 with Retry-After', status(429, { 'retry-after': '7200' }), /answered HTTP 429 Too Many Requests \(retry after 7200 s\)/],
  ['malformed XML', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><item><title>x</item></channel>'), /the feed is not well-formed XML/],
  ['an encoding it cannot read', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel></channel></rss>'), /declares an encoding Docket cannot read \(x-klingon\)/],
  ['a 20 MB body', huge, /sent more than 5 MB \(decoded\)/],
  ['a gzip bomb', gzipBomb, /sent more than 5 MB \(decoded\)/],
  ['a redirect loop', redirectLoop('/loop-a', '/loop-b'), /redirected more than 5 times/],
  ['a stall', stall, /no answer within 1.5 s/],
];

describeStores('source faults', (ctx) => {
  const write = (at = now) => ({ db: ctx.store.db, now: at, actor: 'test' });
  let run = 0;
  beforeEach(async () => {
    run += 1;
    await ctx.store.db.inboxItem.deleteMany();
    await ctx.store.db.source.deleteMany();
  });

  for (const [name, route, message] of faults) {
    it(`${name}: a clear status, nothing half-written, backoff, and the next poll works`, async () => {
      const path = name === 'a redirect loop' ? '/loop-a' : `/fault-${run}.xml`;
      const url = route === 'down' ? downUrl : server.url(path);
      if (route !== 'down') {
        server.serve(path, route);
        if (name === 'a redirect loop') server.serve('/loop-b', route);
      }
      const source = await addSource(write(), { url, keywords: 'export control', every: 'PT30M' });
      const first = await pollSource(ctx.store.db, source, { now, defaultZone: 'UTC', limits });
      expect(first.outcome).toBe('failed');
      expect(first.error).toMatch(message);
      const failed = await requireSource(ctx.store.db, source.id);
      expect(failed).toMatchObject({ lastError: first.error, failures: 1, failingSince: now, lastSuccessAt: null, leaseUntil: null, etag: null });
      const expectedWait = name === 'HTTP 429 with Retry-After' ? 7200_000 : 1800_000;
      expect(failed.nextPollAt.getTime() - now.getTime()).toBe(expectedWait);
      expect(await ctx.store.db.sourceItem.count({ where: { sourceId: source.id } })).toBe(0);
      expect(await ctx.store.db.inboxItem.count()).toBe(0);

      // A second failure doubles the wait.
      const later = failed.nextPollAt;
      const second = await pollSource(ctx.store.db, failed, { now: later, defaultZone: 'UTC', limits });
      expect(second.outcome).toBe('failed');
      const twice = await requireSource(ctx.store.db, source.id);
      expect(twice.failures).toBe(2);
      expect(twice.nextPollAt.getTime() - later.getTime()).toBe(Math.max(3600_000, name === 'HTTP 429 with Retry-After' ? 7200_000 : 0));

      // Fixed: the next poll reads the feed and clears the error.
      const fixedUrl = server.url(`/fixed-${run}.xml`);
      server.serve(`/fixed-${run}.xml`, feed(() => fixture('motie-en.rss.xml', server.base).replace(/<item>\s*<title>Trade ministry[\s\S]*?<\/item>/, '')));
      await ctx.store.db.source.update({ where: { id: source.id }, data: { url: fixedUrl } });
      const fixed = await pollSource(ctx.store.db, await requireSource(ctx.store.db, source.id), { now: twice.nextPollAt, defaultZone: 'UTC', limits });
      expect(fixed).toMatchObject({ outcome: 'changed', items: 2 });
      expect(fixed.added).toHaveLength(1);
      expect(await requireSource(ctx.store.db, source.id)).toMatchObject({ lastError: null, failures: 0, failingSince: null, lastSuccessAt: twice.nextPollAt });
    }, 30_000);
  }

  it('the scheduler step polls only due, active sources, each at its own interval; a claimed source is not claimed again until its lease runs out', async () => {
    const body = () => fixture('wire-trade.rss.xml', server.base);
    server.serve(`/due-a-${run}.xml`, feed(body));
    server.serve(`/due-b-${run}.xml`, feed(body));
    server.serve(`/due-c-${run}.xml`, feed(body));
    const a = await addSource(write(), { url: server.url(`/due-a-${run}.xml`), every: 'PT30M' });
    const b = await addSource(write(), { url: server.url(`/due-b-${run}.xml`), every: 'PT2H' });
    const c = await addSource(write(), { url: server.url(`/due-c-${run}.xml`) });
    await setSourcePaused(write(), c.id, true);
    expect(await pollDueSources(ctx.store.db, { now, defaultZone: 'UTC' })).toMatchObject({ polled: 2, failed: 0, candidates: 1 });
    // Nothing is due a minute later.
    expect(await pollDueSources(ctx.store.db, { now: new Date(now.getTime() + 60_000), defaultZone: 'UTC' })).toMatchObject({ polled: 0 });
    // After 30 minutes only the half-hourly source; it answers 304.
    expect(await pollDueSources(ctx.store.db, { now: new Date(now.getTime() + 1800_000), defaultZone: 'UTC' })).toMatchObject({ polled: 1, notModified: 1 });
    expect((await requireSource(ctx.store.db, b.id)).lastSuccessAt).toEqual(now);
    expect((await requireSource(ctx.store.db, a.id)).lastSuccessAt).toEqual(new Date(now.getTime() + 1800_000));

    // Two instances claiming at once get different sources; a claim holds until its lease runs out.
    const at = new Date(now.getTime() + 3 * 3600_000);
    const [one, two] = await Promise.all([claimDueSources(ctx.store.db, at, { limit: 1, leaseMs: 600_000 }), claimDueSources(ctx.store.db, at, { limit: 1, leaseMs: 600_000 })]);
    expect([...one, ...two].map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(await claimDueSources(ctx.store.db, new Date(at.getTime() + 60_000), { limit: 10, leaseMs: 600_000 })).toEqual([]);
    // `source check` takes the same lease: not while an instance holds the source.
    expect(await claimSource(ctx.store.db, a.id, new Date(at.getTime() + 60_000), 600_000)).toBe(false);
    expect((await claimDueSources(ctx.store.db, new Date(at.getTime() + 601_000), { limit: 10, leaseMs: 600_000 })).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  });
});
