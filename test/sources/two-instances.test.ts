// Two instances on one PostgreSQL database polling 50 watched feeds through ten minutes of ticks (a tick a
// minute, each feed every 5 minutes): each feed is fetched once per due poll, each item read once, each
// candidate proposed once — also the release that half the feeds carry.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollDueSources } from '../../src/sources/poll-due-sources.js';
import type { Store } from '../../src/store/open-store.js';
import { addSource } from '../../src/usecases/manage-sources.js';
import { createTestDatabase, type TestDatabase } from '../support/test-stores.js';
import { feed, fixture, startFeedServer, type FeedServer } from './support/feed-server.js';

const start = new Date('2020-05-13T03:00:00Z');
const feeds = 50;
let server: FeedServer;
let database: TestDatabase;
let one: Store;
let two: Store;

beforeAll(async () => {
  server = await startFeedServer();
  const shared = fixture('wire-trade.rss.xml', server.base);
  for (let n = 0; n < feeds; n++) {
    // Even feeds carry the same wire release; odd ones a release of their own (its own sentence, so its own candidate).
    const body = n % 2 === 0 ? shared : shared.replaceAll('AEN20200512007351320', `AEN2020051200${n}`).replaceAll('I asked for a concrete position by the end of this month.', `I asked for a concrete position on item ${n} by the end of this month.`);
    server.serve(`/feed-${n}.xml`, feed(() => body));
  }
  database = await createTestDatabase('postgres');
  [one, two] = await Promise.all([database.open(), database.open()]);
}, 60_000);
afterAll(async () => {
  await one?.close();
  await two?.close();
  await database?.drop();
  await server?.close();
});

it('polls each feed once per due poll, reads each item once and proposes each candidate once', async () => {
  for (let n = 0; n < feeds; n++) await addSource({ db: one.db, now: start, actor: 'test' }, { url: server.url(`/feed-${n}.xml`), every: 'PT5M' });
  let polled = 0;
  for (let minute = 0; minute <= 10; minute++) {
    const now = new Date(start.getTime() + minute * 60_000);
    const results = await Promise.all([one, two].map((store) => pollDueSources(store.db, { now, defaultZone: 'UTC', batchSize: 5, concurrency: 3 })));
    for (const r of results) expect(r.failed).toBe(0);
    polled += results.reduce((sum, r) => sum + r.polled, 0);
  }
  // Due at minutes 0, 5 and 10: three polls a feed, split between the instances, never doubled.
  expect(polled).toBe(feeds * 3);
  for (let n = 0; n < feeds; n++) {
    const hits = server.hits(`/feed-${n}.xml`);
    expect(hits).toHaveLength(3);
    // Read once: only the first request went without the ETag; the other two were answered 304.
    expect(hits.filter((h) => h.ifNoneMatch === undefined)).toHaveLength(1);
  }
  expect(await one.db.sourceItem.count()).toBe(feeds);
  const inbox = await one.db.inboxItem.findMany({ select: { key: true, evidence: true } });
  expect(inbox).toHaveLength(feeds / 2 + 1);
  expect(new Set(inbox.map((i) => i.key)).size).toBe(inbox.length);
  expect(inbox.filter((i) => i.evidence === 'I asked for a concrete position by the end of this month.')).toHaveLength(1);
}, 120_000);
