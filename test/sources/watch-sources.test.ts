// Watched sources end to end on both stores: feeds served from a loopback HTTP server in this process
// (RSS, Atom, JSON Feed; English, Japanese, Korean), read by the intake reader, proposed to the inbox once,
// accepted or dismissed; re-polls answered 304; an item edited after it was first seen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Source } from '../../src/generated/sqlite/client.js';
import { pollSource } from '../../src/sources/poll-source.js';
import { addSource, requireSource, type SourceInput } from '../../src/usecases/manage-sources.js';
import { acceptInboxItem, dismissInboxItem, listInbox } from '../../src/usecases/review-inbox.js';
import { makeIssue } from '../support/factories.js';
import { projectRoot } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';
import { feed, fixture, page, startFeedServer, type FeedServer } from './support/feed-server.js';

const now = new Date('2020-05-13T03:00:00Z');
const keywords = 'export control,輸出管理,수출규제';
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server?.close());

describeStores('watched sources', (ctx) => {
  const write = (at = now) => ({ db: ctx.store.db, now: at, actor: 'test' });
  const poll = async (source: Source, at = now) => pollSource(ctx.store.db, await requireSource(ctx.store.db, source.id), { now: at, defaultZone: 'UTC' });
  const watch = (path: string, input: Partial<SourceInput> = {}) => addSource(write(), { url: server.url(path), keywords, ...input });
  let run = 0;
  let issue: string;

  beforeEach(async () => {
    const db = ctx.store.db;
    await db.inboxItem.deleteMany();
    await db.source.deleteMany();
    await db.event.deleteMany();
    await db.deadline.deleteMany();
    await db.trackedIssue.deleteMany();
    issue = (await makeIssue(db, { slug: `jk-${++run}` })).slug;
  });

  it('reads an RSS feed: the item with full text, and the summary-only item through its linked page; items without a keyword are not read', async () => {
    const path = `/feeds/motie-${run}.xml`;
    server.serve(path, feed(() => fixture('motie-en.rss.xml', server.base)));
    server.serve('/en/press/2020-05-12-chip-materials', page(() => fixture('motie-chip-materials.html', server.base)));
    const source = await watch(path, { issue });
    const pageHits = server.hits('/en/press/2020-05-12-chip-materials').length;
    const report = await poll(source);
    expect(report).toMatchObject({ outcome: 'changed', items: 3, read: 2, linked: 0 });
    expect(report.added).toHaveLength(2);
    const inbox = await listInbox(ctx.store.db);
    expect(inbox.map((i) => [i.dueAt.toISOString(), i.zone, i.demandedBy, i.demandedOf, i.issueSlug, i.status])).toEqual([
      ['2020-05-31T14:59:59.999Z', 'Asia/Seoul', 'South Korea', 'Japan', issue, 'new'],
      ['2020-05-31T14:59:59.999Z', 'Asia/Seoul', 'South Korea', 'Japan', issue, 'new'],
    ]);
    expect(inbox[0]).toMatchObject({ evidence: 'I asked for a concrete position by the end of this month.', itemUrl: server.url('/en/press/2020-05-12-export-control'), announcedAt: new Date('2020-05-12T09:38:00Z') });
    // The second came from the page: its evidence is the release's own sentence, not the feed's summary.
    expect(inbox[1]!.evidence).toMatch(/^SEOUL, May 12 \(Yonhap\)|South Korea on Tuesday asked Japan to present a clear position/);
    expect(server.hits('/en/press/2020-05-12-chip-materials')).toHaveLength(pageHits + 1);
    expect(server.hits('/en/press/2020-05-11-hydrogen')).toHaveLength(0);
    const stored = await requireSource(ctx.store.db, source.id);
    expect(stored).toMatchObject({ lastSuccessAt: now, lastError: null, failures: 0, etag: '"v1"', nextPollAt: new Date(now.getTime() + 1800_000), leaseUntil: null });
  });

  it('a re-poll is a conditional GET: answered 304, nothing is read or proposed again', async () => {
    const path = `/feeds/motie-304-${run}.xml`;
    server.serve(path, feed(() => fixture('motie-en.rss.xml', server.base)));
    server.serve('/en/press/2020-05-12-chip-materials', page(() => fixture('motie-chip-materials.html', server.base)));
    const source = await watch(path);
    await poll(source);
    const later = new Date(now.getTime() + 1800_000);
    const again = await poll(source, later);
    expect(again).toMatchObject({ outcome: 'not-modified', added: [] });
    expect(server.hits(path).at(-1)).toEqual({ ifNoneMatch: '"v1"', ifModifiedSince: 'Tue, 12 May 2020 10:05:00 GMT' });
    expect((await requireSource(ctx.store.db, source.id)).lastSuccessAt).toEqual(later);
    expect(await ctx.store.db.inboxItem.count()).toBe(2);
  });

  it('the same release in two feeds is proposed once; a feed that changed without an ETag is not read twice', async () => {
    server.serve(`/a-${run}.xml`, feed(() => fixture('motie-en.rss.xml', server.base).replace(/<item>\s*<title>Trade ministry[\s\S]*?<\/item>/, '')));
    server.serve(`/b-${run}.xml`, (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('wire-trade.rss.xml', server.base)));
    const ministry = await watch(`/a-${run}.xml`);
    const wire = await watch(`/b-${run}.xml`);
    expect((await poll(ministry)).added).toHaveLength(1);
    const fromWire = await poll(wire);
    expect(fromWire).toMatchObject({ outcome: 'changed', read: 1, added: [] });
    // No validators this time: the body comes again, but the item's version is the same, so it is not read.
    expect(await poll(wire, new Date(now.getTime() + 3600_000))).toMatchObject({ outcome: 'changed', read: 0, added: [] });
    expect(await ctx.store.db.inboxItem.count()).toBe(1);
  });

  it('reads Japanese Atom and Korean JSON Feed items by keyword; a candidate matching a tracked deadline is linked, not proposed', async () => {
    server.serve(`/ja-${run}.atom`, feed(() => fixture('kyodo-economy-ja.atom.xml', server.base), 'application/atom+xml'));
    server.serve(`/ko-${run}.json`, feed(() => fixture('yonhap-economy-ko.json', server.base), 'application/feed+json'));
    const ja = await watch(`/ja-${run}.atom`, { issue, keywords: '輸出管理' });
    const ko = await watch(`/ko-${run}.json`, { issue, keywords: '수출규제' });
    const jaReport = await poll(ja);
    expect(jaReport).toMatchObject({ items: 2, read: 1 });
    expect(jaReport.added).toHaveLength(1);
    const [candidate] = await listInbox(ctx.store.db);
    expect(candidate).toMatchObject({ title: '輸出規制の撤回について具体的な立場を示す', demandedBy: 'South Korea', demandedOf: 'Japan', zone: 'Asia/Seoul', dueAt: new Date('2020-05-31T14:59:59.999Z') });
    const { deadline } = await acceptInboxItem(write(), candidate!.id, {}, { defaultZone: 'UTC' });
    expect(deadline).toMatchObject({ issueId: expect.any(Number), dueAt: new Date('2020-05-31T14:59:59.999Z'), zone: 'Asia/Seoul', precision: 'day', demandedBy: 'South Korea', demandedOf: 'Japan' });
    expect(JSON.parse(deadline.sourcesJson)).toEqual([candidate!.itemUrl]);
    // The Korean report of the same demand: same due instant and parties as the deadline now tracked.
    const koReport = await poll(ko);
    expect(koReport).toMatchObject({ read: 1, added: [], linked: 1 });
    const linked = await listInbox(ctx.store.db, { status: 'linked' });
    expect(linked.map((i) => [i.deadlineId, i.title])).toEqual([[deadline.id, '수출규제 철회에 대한 구체적인 입장을 밝혀']]);
    await expect(acceptInboxItem(write(), candidate!.id, {}, { defaultZone: 'UTC' })).rejects.toThrow(/is accepted/);
  });

  it('reads a Shift_JIS feed by its XML declaration; a summary-only item whose page is gone is read from its summary', async () => {
    const raw = readFileSync(path.join(projectRoot, 'test', 'fixtures', 'feeds', 'meti-press-ja.sjis.rss.xml'), 'latin1').replaceAll('{{BASE}}', server.base);
    server.serve(`/meti-${run}.xml`, (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(Buffer.from(raw, 'latin1')));
    const source = await watch(`/meti-${run}.xml`, { keywords: '輸出管理', issue });
    const report = await poll(source);
    expect(report).toMatchObject({ outcome: 'changed', items: 1, read: 1 });
    expect(report.added).toHaveLength(1);
    const [candidate] = await listInbox(ctx.store.db);
    expect(candidate).toMatchObject({ itemTitle: '韓国による輸出管理の見直し要請について', expression: '今月末までに', dueAt: new Date('2020-05-31T14:59:59.999Z'), demandedBy: 'South Korea', demandedOf: 'Japan' });
  });

  it('an item edited after it was first seen is read again: a changed deadline is proposed, the unchanged and the dismissed are not', async () => {
    let body = fixture('kyodo-economy-ja.atom.xml', server.base);
    let etag = '"1"';
    server.serve(`/edit-${run}.atom`, (req, res) => feed(() => body, 'application/atom+xml', etag)(req, res));
    const source = await watch(`/edit-${run}.atom`, { keywords: '輸出管理' });
    const first = await poll(source);
    expect(first.added).toHaveLength(1);
    await dismissInboxItem(write(), first.added[0]!, 'already known from the ministry');
    // Edited: a new updated date, the same sentence plus a correction: the dismissed candidate stays dismissed.
    body = body.replace('<updated>2020-05-12T19:05:00+09:00</updated>', '<updated>2020-05-12T20:30:00+09:00</updated>').replace('日本政府は昨年7月', '（更新）日本政府は昨年7月');
    etag = '"2"';
    const second = await poll(source, new Date(now.getTime() + 1800_000));
    expect(second).toMatchObject({ read: 1, added: [] });
    // Edited again: the deadline itself changed (the end of next month): that is new.
    body = body.replace('<updated>2020-05-12T20:30:00+09:00</updated>', '<updated>2020-05-12T21:00:00+09:00</updated>').replaceAll('今月末までに', '来月末までに');
    etag = '"3"';
    const third = await poll(source, new Date(now.getTime() + 3600_000));
    expect(third).toMatchObject({ read: 1 });
    expect(third.added).toHaveLength(1);
    const fresh = await listInbox(ctx.store.db);
    expect(fresh.map((i) => i.dueAt.toISOString())).toEqual(['2020-06-30T14:59:59.999Z']);
    expect((await listInbox(ctx.store.db, { status: 'dismissed' })).map((i) => i.reason)).toEqual(['already known from the ministry']);
  });

  it('accept can create the issue and take any field; bad input is refused and leaves the item new', async () => {
    server.serve(`/ko-accept-${run}.json`, feed(() => fixture('yonhap-economy-ko.json', server.base), 'application/feed+json'));
    const source = await watch(`/ko-accept-${run}.json`, { keywords: '수출규제', zone: 'Asia/Seoul', lang: 'ko' });
    const [id] = (await poll(source)).added;
    await expect(acceptInboxItem(write(), id!, {}, { defaultZone: 'UTC' })).rejects.toThrow(/has no issue; name one with --issue/);
    await expect(acceptInboxItem(write(), id!, { issue: 'nowhere' }, { defaultZone: 'UTC' })).rejects.toThrow(/no issue "nowhere"/);
    await expect(acceptInboxItem(write(), id!, { issue, zone: 'Mars/Olympus' }, { defaultZone: 'UTC' })).rejects.toThrow(/^zone "Mars\/Olympus"/);
    expect((await listInbox(ctx.store.db)).map((i) => i.id)).toEqual([id]);
    const { deadline, item } = await acceptInboxItem(write(), id!, { issue: `kr-jp-${run}`, issueTitle: 'Korea–Japan export curbs', title: 'A concrete position on lifting the curbs' }, { defaultZone: 'UTC' });
    expect(deadline.issue).toMatchObject({ slug: `kr-jp-${run}`, title: 'Korea–Japan export curbs' });
    expect(deadline).toMatchObject({ title: 'A concrete position on lifting the curbs', expression: '이달 말까지', dueAt: new Date('2020-05-31T14:59:59.999Z') });
    expect(item).toMatchObject({ status: 'accepted', deadlineId: deadline.id });
  });
});
