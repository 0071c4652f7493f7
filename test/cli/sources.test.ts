// `docket source …` and `docket inbox …` through the built CLI, against a feed server on loopback, on both
// stores: follow a feed, poll it, review what it found; bad input is one line, exit 2, store untouched.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SourceJson } from '../../src/usecases/manage-sources.js';
import type { InboxJson } from '../../src/usecases/review-inbox.js';
import type { DeadlineJson } from '../../src/usecases/json-views.js';
import type { Tx } from '../../src/store/open-store.js';
import { ensureBuilt, jsonOf, runCli } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';
import { feed, fixture, page, startFeedServer, status, type FeedServer } from '../sources/support/feed-server.js';

const now = '2020-05-13T03:00:00Z';
let server: FeedServer;
beforeAll(async () => {
  ensureBuilt();
  server = await startFeedServer();
  server.serve('/motie.xml', feed(() => fixture('motie-en.rss.xml', server.base)));
  server.serve('/en/press/2020-05-12-chip-materials', page(() => fixture('motie-chip-materials.html', server.base)));
  server.serve('/ko.json', feed(() => fixture('yonhap-economy-ko.json', server.base), 'application/feed+json'));
  server.serve('/broken.xml', status(500));
}, 180_000);
afterAll(() => server?.close());

async function snapshot(db: Tx): Promise<string> {
  const [issues, deadlines, sources, items, inbox] = await Promise.all([
    db.trackedIssue.findMany({ orderBy: { id: 'asc' } }),
    db.deadline.findMany({ orderBy: { id: 'asc' } }),
    db.source.findMany({ orderBy: { id: 'asc' } }),
    db.sourceItem.findMany({ orderBy: { id: 'asc' } }),
    db.inboxItem.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ issues, deadlines, sources, items, inbox });
}

describeStores('docket source and inbox', (ctx) => {
  const docket = (args: string[], at = now) => runCli(args, { databaseUrl: ctx.url, now: at });

  it('follows a ministry\'s feed, polls it now, and takes a candidate from the inbox to a deadline', async () => {
    expect((await docket(['issue', 'add', 'jk-cli', '--title', 'Japan–South Korea export controls'])).code).toBe(0);
    const added = await docket(['source', 'add', server.url('/motie.xml'), '--name', 'MOTIE press releases', '--issue', 'jk-cli', '--keywords', 'export control,輸出管理,수출규제', '--every', 'PT1H', '--json']);
    expect(added.stderr).toBe('');
    const source = jsonOf<SourceJson>(added);
    expect(source).toMatchObject({ name: 'MOTIE press releases', issue: 'jk-cli', keywords: ['export control', '輸出管理', '수출규제'], every: 'PT1H', lang: 'auto', status: 'active', lastSuccessAt: null });

    const check = await docket(['source', 'check', String(source.id)]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^Source \d+: 3 item\(s\), 2 read, 2 new candidate\(s\)\./);
    expect(check.stdout).toMatch(/inbox \d+: .*Asia\/Seoul — a concrete position \(accept: docket inbox accept \d+\)/);

    const list = jsonOf<SourceJson[]>(await docket(['source', 'list', '--json']));
    expect(list).toEqual([{ ...source, lastPolledAt: '2020-05-13T03:00:00.000Z', lastSuccessAt: '2020-05-13T03:00:00.000Z', nextPollAt: '2020-05-13T04:00:00.000Z' }]);
    expect((await docket(['source', 'list'])).stdout).toMatch(/MOTIE press releases\s+active\s+PT1H\s+2020-05-13T03:00:00.000Z\s+2020-05-13T04:00:00.000Z/);

    const inbox = jsonOf<InboxJson[]>(await docket(['inbox', 'list', '--json']));
    expect(inbox).toHaveLength(2);
    expect(inbox[0]).toMatchObject({ status: 'new', title: 'a concrete position', dueAt: '2020-05-31T23:59:59.999+09:00', demandedBy: 'South Korea', demandedOf: 'Japan', evidence: 'I asked for a concrete position by the end of this month.', issue: 'jk-cli' });
    const shown = await docket(['inbox', 'show', String(inbox[0]!.id)]);
    expect(shown.stdout).toContain('Evidence:   I asked for a concrete position by the end of this month.');
    expect(shown.stdout).toContain(`Accept:     docket inbox accept ${inbox[0]!.id}`);

    const accepted = await docket(['inbox', 'accept', String(inbox[0]!.id), '--title', 'Concrete position on lifting the export controls', '--json']);
    expect(accepted.stderr).toBe('');
    const deadline = jsonOf<DeadlineJson>(accepted);
    expect(deadline).toMatchObject({ title: 'Concrete position on lifting the export controls', dueAt: '2020-05-31T23:59:59.999+09:00', zone: 'Asia/Seoul', demandedBy: 'South Korea', demandedOf: 'Japan' });
    expect(JSON.stringify(deadline)).toContain(server.url('/en/press/2020-05-12-export-control'));

    const dismissed = await docket(['inbox', 'dismiss', String(inbox[1]!.id), '--reason', 'the same demand, reported by the wire']);
    expect(dismissed.stdout).toBe(`Dismissed inbox ${inbox[1]!.id}; it will not be proposed again.\n`);
    expect(jsonOf<InboxJson[]>(await docket(['inbox', 'list', '--json']))).toEqual([]);
    expect(jsonOf<InboxJson[]>(await docket(['inbox', 'list', '--status', 'dismissed', '--json'])).map((i) => i.reason)).toEqual(['the same demand, reported by the wire']);
    expect((await docket(['inbox', 'accept', String(inbox[0]!.id)])).stderr).toMatch(/is accepted \(deadline \d+\); only new items can be accepted/);

    // The Korean wire's report of the same demand, polled by the scheduler: linked to the deadline, not proposed.
    expect((await docket(['source', 'add', server.url('/ko.json'), '--issue', 'jk-cli', '--keywords', '수출규제'])).code).toBe(0);
    const tick = await docket(['tick'], '2020-05-13T03:05:00Z');
    expect(tick.code).toBe(0);
    expect(tick.stderr).toContain('Sources: polled 1, not changed 0, failed 0, new candidates 0.');
    expect(jsonOf<InboxJson[]>(await docket(['inbox', 'list', '--status', 'linked', '--json'])).map((i) => i.deadline)).toEqual([deadline.id]);

    expect((await docket(['source', 'pause', String(source.id)])).stdout).toBe(`Paused source ${source.id} (MOTIE press releases).\n`);
    expect(jsonOf<SourceJson>(await docket(['source', 'show', String(source.id), '--json']))).toMatchObject({ status: 'paused', nextPollAt: null });
    expect((await docket(['source', 'resume', String(source.id)])).code).toBe(0);
    expect((await docket(['source', 'remove', String(source.id)])).stdout).toMatch(/^No longer watching source \d+ \(MOTIE press releases\); its inbox candidates stay\./);
    expect(jsonOf<InboxJson[]>(await docket(['inbox', 'list', '--status', 'accepted', '--json']))).toHaveLength(1);
  }, 120_000);

  it('a failing feed shows its error in source list and check exits 1', async () => {
    const source = jsonOf<SourceJson>(await docket(['source', 'add', server.url('/broken.xml'), '--json']));
    const check = await docket(['source', 'check', String(source.id)]);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(`Source ${source.id} (127.0.0.1:${new URL(server.base).port}) failed: answered HTTP 500 Internal Server Error. Next try 2020-05-13T03:30:00.000Z.\n`);
    expect(jsonOf<SourceJson[]>(await docket(['source', 'list', '--json'])).find((s) => s.id === source.id)).toMatchObject({ lastError: 'answered HTTP 500 Internal Server Error', failures: 1, failingSince: '2020-05-13T03:00:00.000Z', lastSuccessAt: null });
  }, 60_000);

  const bad: Array<[string[], RegExp]> = [
    [['source', 'add', 'ftp://example.org/feed'], /^docket: <feed-url> "ftp:\/\/example.org\/feed" uses ftp; only http and https pages are fetched\n$/],
    [['source', 'add', 'not a url'], /^docket: <feed-url> "not a url" is not a URL/],
    [['source', 'add', 'https://example.org/feed', '--every', 'PT1M'], /^docket: --every "PT1M" must be between PT5M and P7D\n$/],
    [['source', 'add', 'https://example.org/feed', '--every', 'hourly'], /^docket: --every "hourly" is not an ISO 8601 duration/],
    [['source', 'add', 'https://example.org/feed', '--lang', 'fr'], /^docket: --lang "fr" is not a language Docket reads: auto, en, ja or ko\n$/],
    [['source', 'add', 'https://example.org/feed', '--zone', 'Mars/Olympus'], /^docket: --zone "Mars\/Olympus"/],
    [['source', 'add', 'https://example.org/feed', '--keywords', ' , '], /^docket: --keywords " , " names no keyword/],
    [['source', 'add', 'https://example.org/feed', '--issue', 'no-such-issue'], /^docket: no issue "no-such-issue"/],
    [['source', 'show', 'abc'], /^docket: <id> "abc" is not a source id/],
    [['source', 'check', '999'], /^docket: no source "999"/],
    [['inbox', 'list', '--status', 'maybe'], /^docket: --status "maybe" must be one of new, accepted, dismissed, linked\n$/],
    [['inbox', 'accept', '0'], /^docket: <id> "0" is not an inbox id/],
    [['inbox', 'dismiss', '999'], /^docket: no inbox item "999"/],
  ];
  it('refuses bad input with one line naming the field and the value, exit 2, and the store untouched', async () => {
    const before = await snapshot(ctx.store.db);
    for (const [args, message] of bad) {
      const result = await docket(args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await snapshot(ctx.store.db)).toBe(before);
  }, 120_000);
});
