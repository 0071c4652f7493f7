// Watched sources: one scheduler step over 500 feeds of 50 items each, 90% answering 304 and 10% with one
// new item, against the same step's two parts measured alone in the same run: the idle step (every feed
// answers 304) and the changed 10% polled alone. Goal: mixed ≤ 1.5 × (idle + changed alone). Rounds are
// interleaved so load from elsewhere weighs on every side. Feeds are served from loopback in this process.
// npx tsx bench/sources/run.ts [--provider sqlite|postgres] [--rounds N] [--quick] [--json FILE]
import { writeFileSync } from 'node:fs';
import { pollDueSources } from '../../src/sources/poll-due-sources.js';
import { addSource } from '../../src/usecases/manage-sources.js';
import { createTestDatabase } from '../../test/support/test-stores.js';
import { startFeedServer } from '../../test/sources/support/feed-server.js';
import { fixed, median } from '../support/measure.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = flag('--quick');
const provider = (value('--provider') ?? 'sqlite') as 'sqlite' | 'postgres';
const sources = quick ? 50 : 500;
const itemsPer = quick ? 10 : 50;
const rounds = Number(value('--rounds') ?? (quick ? 1 : 3));
const changedShare = 0.1;
const minute = 60_000;

// One feed's RSS: n ordinary items, and (from version 2 on) one new release with a deadline in it.
function rss(feed: number, version: number, base: string): string {
  const items: string[] = [];
  for (let v = 2; v <= version; v++) {
    items.push(`<item><title>Export control: ministry asks for a position (${feed}/${v})</title><guid>f${feed}-release-${v}</guid><link>${base}/r/${feed}/${v}</link><pubDate>Tue, 12 May 2020 09:38:00 GMT</pubDate><content:encoded><![CDATA[<p>SEOUL, May 12 (Yonhap) — South Korea on Tuesday asked Japan to present a clear position on export control item ${feed}-${v} by the end of this month, the trade ministry said.</p>]]></content:encoded></item>`);
  }
  for (let i = 0; i < itemsPer - (version - 1); i++) {
    items.push(`<item><title>Ministry news ${feed}-${i}</title><guid>f${feed}-n${i}</guid><link>${base}/n/${feed}/${i}</link><pubDate>Mon, 11 May 2020 06:00:00 GMT</pubDate><description>The minister met industry leaders and discussed the hydrogen roadmap (${i}).</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${feed}</title><link>${base}</link><description>x</description>${items.join('')}</channel></rss>`;
}

const server = await startFeedServer();
const versions = new Array<number>(sources).fill(1);
for (let n = 0; n < sources; n++) {
  server.serve(`/feed-${n}.xml`, (req, res) => {
    const etag = `"${versions[n]}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(n, versions[n]!, server.base));
  });
}
const database = await createTestDatabase(provider);
const store = await database.open();
const db = store.db;
let now = new Date('2020-05-13T03:00:00Z');
for (let n = 0; n < sources; n++) await addSource({ db, now, actor: 'bench' }, { url: server.url(`/feed-${n}.xml`), keywords: 'export control', every: 'PT5M' });

async function step(expectPolled: number): Promise<number> {
  const started = performance.now();
  const problems: string[] = [];
  const result = await pollDueSources(db, { now, defaultZone: 'UTC', onReport: (r) => r.error && problems.push(r.error), onError: (_id, e) => problems.push(String(e)) });
  const ms = performance.now() - started;
  if (result.polled !== expectPolled || result.failed !== 0) throw new Error(`expected ${expectPolled} polled, no failures; got ${JSON.stringify(result)}: ${problems.slice(0, 3).join('; ')}`);
  return ms;
}
const advance = () => (now = new Date(now.getTime() + 5 * minute));
/** Only these feeds are due now (the others wait): the changed share polled alone. */
const onlyDue = async (ids: number[]) => {
  await db.source.updateMany({ data: { nextPollAt: new Date(now.getTime() + 60 * minute) } });
  await db.source.updateMany({ where: { url: { in: ids.map((n) => server.url(`/feed-${n}.xml`)) } }, data: { nextPollAt: now } });
};

// Priming: every feed read once (all items seen), not measured.
const primeStarted = performance.now();
await step(sources);
const primeMs = performance.now() - primeStarted;

const changedCount = Math.round(sources * changedShare);
const idle: number[] = [];
const alone: number[] = [];
const mixed: number[] = [];
let next = 0;
const take = () => Array.from({ length: changedCount }, () => next++ % sources);
for (let r = 0; r < rounds; r++) {
  advance();
  idle.push(await step(sources));

  advance();
  const a = take();
  for (const n of a) versions[n]! += 1;
  await onlyDue(a);
  alone.push(await step(changedCount));

  advance();
  await db.source.updateMany({ data: { nextPollAt: now } });
  const m = take();
  for (const n of m) versions[n]! += 1;
  mixed.push(await step(sources));
}
const candidates = await db.inboxItem.count();
const ratio = median(mixed) / (median(idle) + median(alone));
const report = {
  date: new Date().toISOString(),
  provider,
  sources,
  itemsPerFeed: itemsPer,
  changedShare,
  rounds,
  primeMs: Math.round(primeMs),
  idleMs: idle.map(Math.round),
  changedAloneMs: alone.map(Math.round),
  mixedMs: mixed.map(Math.round),
  ratio: Number(fixed(ratio, 2)),
  goal: '≤ 1.5',
  candidates,
};
console.log(`${provider}: ${sources} feeds × ${itemsPer} items, ${changedCount} changed per step`);
console.log(`  idle step (all 304)      median ${fixed(median(idle), 0)} ms`);
console.log(`  ${`changed ${changedCount} alone`.padEnd(25)} median ${fixed(median(alone), 0)} ms`);
console.log(`  mixed step               median ${fixed(median(mixed), 0)} ms`);
console.log(`  mixed / (idle + alone) = ${fixed(ratio, 2)} (goal ≤ 1.5); ${candidates} candidates in the inbox; priming ${fixed(primeMs / 1000, 1)} s`);
const out = value('--json');
if (out) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
await store.close();
await database.drop();
await server.close();
