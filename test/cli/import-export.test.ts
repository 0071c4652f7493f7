// `docket import` and `docket export` through the built command, on both stores: the canonical example
// file, re-imports that create nothing, files with broken rows that change nothing, and export → import
// round trips (JSON and CSV) into a fresh database.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeadlineJson, IssueJson, SubscriberJson } from '../../src/usecases/json-views.js';
import type { ImportReport } from '../../src/usecases/import/import-records.js';
import { closeIssue } from '../../src/usecases/change-issue-status.js';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { extendDeadline } from '../../src/usecases/extend-deadline.js';
import { addSubscriber } from '../../src/usecases/manage-subscribers.js';
import { subscribe } from '../../src/usecases/manage-subscriptions.js';
import { resolveDeadline } from '../../src/usecases/resolve-deadline.js';
import type { WriteContext } from '../../src/usecases/write-context.js';
import { makeImportDocument } from '../../bench/cli/import-file.js';
import { ensureBuilt, jsonOf, projectRoot, runCli, snapshotStore } from '../support/run-cli.js';
import { createTestDatabase, describeStores, type TestDatabase } from '../support/test-stores.js';

const now = '2026-03-01T09:00:00Z';
const example = path.join(projectRoot, 'examples', 'japan-korea-export-controls.json');
const exampleCsv = path.join(projectRoot, 'examples', 'japan-korea-export-controls.csv');
const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-import-'));
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};

beforeAll(() => ensureBuilt(), 180_000);

/** What must survive a move between stores: everything but ids, revisions and timestamps of the move. */
function comparable(deadlines: DeadlineJson[]) {
  return deadlines
    .map(({ id: _id, revision: _revision, createdAt: _c, updatedAt: _u, ...rest }) => rest)
    .sort((a, b) => `${a.issue} ${a.title} ${a.announcedAt}`.localeCompare(`${b.issue} ${b.title} ${b.announcedAt}`));
}

describeStores('docket import: the example file', (ctx) => {
  const docket = (args: string[]) => runCli(args, { databaseUrl: ctx.url, now });

  it('imports the canonical case: due the end of May 2020 in Seoul, day precision', async () => {
    const result = await docket(['import', example]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Imported .*japan-korea-export-controls\.json\.\n/);
    expect(result.stdout).toMatch(/^issues\s+1\s+0$/m);
    expect(result.stdout).toMatch(/^deadlines\s+1\s+0$/m);
    const [deadline, ...others] = jsonOf<DeadlineJson[]>(await docket(['deadline', 'list', '--json']));
    expect(others).toEqual([]);
    expect(deadline).toMatchObject({
      issue: 'japan-korea-export-controls',
      title: "South Korea's request for Japan's position on withdrawing the export controls",
      dueAt: '2020-05-31T23:59:59.999+09:00',
      zone: 'Asia/Seoul',
      precision: 'day',
      expression: 'by the end of this month',
      announcedAt: '2020-05-12T18:38:00.000+09:00',
      demandedBy: 'South Korea',
      demandedOf: 'Japan',
      status: 'pending',
    });
    const [issue] = jsonOf<IssueJson[]>(await docket(['issue', 'list', '--json']));
    expect(issue).toMatchObject({ slug: 'japan-korea-export-controls', title: 'Japan–South Korea export controls', parties: ['Japan', 'South Korea'], status: 'open' });
    expect(issue!.tags).toContain('export-controls');
  });

  it('records history without emailing "new deadline" notices, and leaves the deadline for planning', async () => {
    const events = await ctx.store.db.event.findMany({ orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.kind, e.notify, e.actor])).toEqual([
      ['issue.created', false, 'cli:test-admin'],
      ['deadline.created', false, 'cli:test-admin'],
    ]);
    expect((await ctx.store.db.deadline.findFirstOrThrow()).plannedAt).toBeNull();
  });

  it('creates nothing when the same file, or its CSV twin, is imported again', async () => {
    const before = await snapshotStore(ctx.store.db);
    for (const source of [example, exampleCsv]) {
      const report = jsonOf<ImportReport>(await docket(['import', source, '--json']));
      expect(report.created).toEqual({ issues: 0, deadlines: 0, subscribers: 0, subscriptions: 0 });
      expect(report.skipped).toMatchObject({ issues: 1, deadlines: 1 });
    }
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('says what a dry run would create and writes nothing', async () => {
    const before = await snapshotStore(ctx.store.db);
    const doc = JSON.parse(readFileSync(example, 'utf8'));
    doc.issues[0].deadlines.push({ title: 'A second demand', due: 'within 30 days', announced: '2020-05-20', zone: 'Asia/Seoul' });
    doc.subscribers = [{ email: 'Desk@Example.org', zone: 'Europe/London', subscriptions: ['japan-korea-export-controls'] }];
    const result = await docket(['import', file('dry.json', JSON.stringify(doc)), '--dry-run']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Dry run of .*dry\.json: nothing was written\.\n/);
    expect(result.stdout).toMatch(/^deadlines\s+1\s+1$/m);
    expect(result.stdout).toMatch(/^subscribers\s+1\s+0$/m);
    expect(result.stdout).toMatch(/^subscriptions\s+1\s+0$/m);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });
});

describeStores('docket import: broken rows', (ctx) => {
  const docket = (args: string[]) => runCli(args, { databaseUrl: ctx.url, now });

  beforeAll(async () => {
    expect((await docket(['import', example])).code).toBe(0);
  });

  it('refuses a JSON file with bad rows, naming every one, and changes nothing', async () => {
    const broken = {
      issues: [
        {
          slug: 'broken-case',
          title: 'A file with mistakes',
          deadlines: [
            { title: 'Fine', due: '2020-06-30', announced: '2020-05-12', zone: 'Asia/Seoul' },
            { title: 'Unreadable date', due: 'next blursday', announced: '2020-05-12', zone: 'Asia/Seoul' },
            { title: 'Unknown zone', due: '2020-06-30', announced: '2020-05-12', zone: 'Mars/Olympus_Mons' },
            { due: '2020-06-30', announced: '2020-05-12', zone: 'Asia/Seoul' },
            { key: 'same-key', title: 'First with a key', due: '2020-06-30', announced: '2020-05-12' },
            { key: 'same-key', title: 'Second with that key', due: '2020-07-31', announced: '2020-05-12' },
          ],
        },
      ],
      subscribers: [{ email: 'desk@example.org' }, { email: 'not an email', subscriptions: ['broken-case'] }],
    };
    const before = await snapshotStore(ctx.store.db);
    const result = await docket(['import', file('broken.json', JSON.stringify(broken, null, 2))]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^docket: .*broken\.json: 5 problems in 5 rows; nothing was imported:\n/);
    const lines = result.stderr.trimEnd().split('\n').slice(1);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^ {2}row 3 \(issues\[0\]\.deadlines\[1\]\): due "next blursday" cannot be read/);
    expect(lines[1]).toMatch(/^ {2}row 4 \(issues\[0\]\.deadlines\[2\]\): zone "Mars\/Olympus_Mons" is not an IANA time zone/);
    expect(lines[2]).toBe('  row 5 (issues[0].deadlines[3]): title is missing');
    expect(lines[3]).toBe('  row 7 (issues[0].deadlines[5]): key "same-key" is also row 6\'s; two deadlines of one issue with the same title and announcement date need different "key" fields');
    expect(lines[4]).toMatch(/^ {2}row 9 \(subscribers\[1\]\): email "not an email" is not an email address/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('refuses a CSV file with bad rows the same way, by spreadsheet row', async () => {
    const csv = [
      'issue,issue_title,title,due,announced,zone,by,to,sources,status',
      'broken-case,A file with mistakes,Fine,2020-06-30,2020-05-12,Asia/Seoul,,,,',
      'broken-case,,Unreadable date,next blursday,2020-05-12,Asia/Seoul,,,,',
      'broken-case,,Unknown zone,2020-06-30,2020-05-12,Mars/Olympus_Mons,,,,',
      'broken-case,,,2020-06-30,2020-05-12,Asia/Seoul,,,,',
      'broken-case,,Fine,2020-07-31,2020-05-12,Asia/Seoul,,,,',
      'broken-case,,Bad source,2020-07-31,2020-05-12,Asia/Seoul,,,ftp://example.org/a;https://example.org/b,pending',
      'broken-case,,Bad status,2020-07-31,2020-05-12,Asia/Seoul,,,,done',
    ].join('\n');
    const before = await snapshotStore(ctx.store.db);
    const result = await docket(['import', file('broken.csv', csv)]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n').slice(1);
    expect(lines.map((line) => /^ {2}row (\d+): (\w+)/.exec(line)?.slice(1).join(' '))).toEqual([
      '3 due',
      '4 zone',
      '5 title',
      '6 key',
      '7 sources',
      '8 status',
    ]);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('lists at most 50 problems and counts the rest', async () => {
    const doc = makeImportDocument(80, { slugPrefix: 'many-mistakes' });
    for (const deadline of doc.issues[0]!.deadlines!) deadline.zone = 'Nowhere/Special';
    const result = await docket(['import', file('many.json', JSON.stringify(doc))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/80 problems in 80 rows/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1 + 50 + 1);
    expect(result.stderr.trimEnd()).toMatch(/… and 30 more$/);
  });

  it('refuses what is not an import file at all', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['not-json.json', '{ "issues": [ }', /^docket: .*not-json\.json is not valid JSON/],
      ['wrong-top.json', '{ "isues": [] }', /^docket: .*wrong-top\.json has unknown top-level field "isues"; the fields are version, exportedAt, issues, subscribers/],
      // Not quoted back (the file may be anything); a near miss of a real column is (see hardening.test.ts).
      ['bad-header.csv', 'issue,name,due\nx,y,z\n', /^docket: .*bad-header\.csv has 1 column name\(s\) Docket does not know \(not shown, as the file may not be a Docket CSV at all\); the columns are issue, issue_title, title/],
    ];
    for (const [name, text, message] of cases) {
      const result = await docket(['import', file(name, text)]);
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(2);
    }
    const missing = await docket(['import', path.join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toMatch(/^docket: <file> ".*nope\.json" does not exist/);
  });

  it('refuses new deadlines for an issue that is closed in the store', async () => {
    await closeIssue({ db: ctx.store.db, now: new Date(now), actor: 'test' }, 'japan-korea-export-controls');
    const doc = JSON.parse(readFileSync(example, 'utf8'));
    doc.issues[0].deadlines.push({ title: 'Another demand', due: 'within 30 days', announced: '2020-05-20', zone: 'Asia/Seoul' });
    const result = await docket(['import', file('closed.json', JSON.stringify(doc))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('row 3 (issues[0].deadlines[1]): issue "japan-korea-export-controls" is closed; reopen it');
  });
});

describeStores('docket export → import into a fresh database', (ctx) => {
  let target: TestDatabase;
  const at = new Date('2020-05-12T18:38:00+09:00');
  const write = (when = at): WriteContext => ({ db: ctx.store.db, now: when, actor: 'seed' });

  beforeAll(async () => {
    target = await createTestDatabase(ctx.provider);
    const slug = 'japan-korea-export-controls';
    await createIssue(write(), { slug, title: 'Japan–South Korea export controls', summary: 'Semiconductor materials.', parties: ['Japan', 'South Korea'], tags: ['export-controls'], offsets: '7d,1d' });
    await createIssue(write(), { slug: 'eu-steel-safeguards', title: 'EU steel safeguards; "quotas", commas, and\nnew lines' });
    const add = (input: { issue?: string; title: string; due: string; zone?: string; sources?: string[] }) =>
      createDeadline(write(), { issue: slug, zone: 'Asia/Seoul', demandedBy: 'South Korea', demandedOf: 'Japan', ...input }, { defaultZone: 'UTC' });
    const canonical = await add({ title: "South Korea's request for Japan's position", due: 'by the end of this month', sources: ['https://example.org/a?x=1;y=2', 'https://example.org/b'] });
    await extendDeadline(write(new Date('2020-05-29T10:00:00+09:00')), canonical.id, { due: 'within 2 weeks', note: 'Two more weeks' });
    const month = await add({ title: 'A month-precision demand', due: '2020-06' });
    await resolveDeadline(write(), month.id, { status: 'met', note: 'Answered in full' });
    await add({ title: 'A stated time', due: '2020-06-01T17:00', zone: 'Europe/Brussels', issue: 'eu-steel-safeguards' });
    // Two hand-added deadlines with the same title on the same day share a derived key: export tells them apart.
    await add({ title: 'Same title', due: '2020-06-15' });
    await add({ title: 'Same title', due: '2020-06-20' });
    await addSubscriber(write(), { email: 'analyst@example.org', zone: 'Europe/London', delivery: 'daily' }, { defaultZone: 'UTC' });
    await subscribe(write(), { email: 'analyst@example.org', issue: slug });
    await subscribe(write(), { email: 'analyst@example.org', issue: 'eu-steel-safeguards', deadline: String((await ctx.store.db.deadline.findFirstOrThrow({ where: { title: 'A stated time' } })).id) });
    await ctx.store.db.subscriber.create({ data: { email: 'pending@example.org', zone: 'UTC', createdAt: at, updatedAt: at } }); // signed up on the web, never confirmed
  });

  afterAll(() => target?.drop());

  const list = async (url: string) => jsonOf<DeadlineJson[]>(await runCli(['deadline', 'list', '--status', 'all', '--json'], { databaseUrl: url, now }));
  const subscribers = async (url: string) =>
    jsonOf<SubscriberJson[]>(await runCli(['subscriber', 'list', '--json'], { databaseUrl: url, now })).map((s) => ({ ...s, confirmedAt: null, createdAt: null, subscriptions: s.subscriptions.length }));

  it('JSON: the same deadlines (due moment, wording, status, notes), issues and subscribers; then re-import creates nothing', async () => {
    const exported = await runCli(['export'], { databaseUrl: ctx.url, now });
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const doc = jsonOf<{ issues: Array<{ deadlines: Array<{ key: string }> }> }>(exported);
    expect(doc.issues.flatMap((i) => i.deadlines.map((d) => d.key)).filter((key) => key.startsWith('japan-korea-export-controls/Same title/'))).toEqual([
      'japan-korea-export-controls/Same title/2020-05-12',
      'japan-korea-export-controls/Same title/2020-05-12 #2',
    ]);
    const source = file(`export-${ctx.provider}.json`, exported.stdout);
    const imported = await runCli(['import', source, '--json'], { databaseUrl: target.url, now });
    expect(jsonOf<ImportReport>(imported).created).toEqual({ issues: 2, deadlines: 5, subscribers: 2, subscriptions: 2 });
    expect(comparable(await list(target.url))).toEqual(comparable(await list(ctx.url)));
    const original = comparable(await list(ctx.url));
    expect(original.find((d) => d.status === 'extended')).toMatchObject({ dueAt: '2020-06-12T23:59:59.999+09:00', precision: 'day', expression: 'within 2 weeks' });
    expect(original.find((d) => d.status === 'met')).toMatchObject({ precision: 'month', resolutionNote: 'Answered in full' });
    expect(await subscribers(target.url)).toEqual(await subscribers(ctx.url));
    const issues = async (url: string) =>
      jsonOf<Array<IssueJson & { nextDeadline: number | null }>>(await runCli(['issue', 'list', '--status', 'all', '--json'], { databaseUrl: url, now })).map(
        ({ createdAt: _c, updatedAt: _u, nextDeadline: _id, ...rest }) => rest,
      );
    expect(await issues(target.url)).toEqual(await issues(ctx.url));

    // Back into the store it came from, and again into the new one: everything is already there.
    for (const url of [ctx.url, target.url]) {
      expect(jsonOf<ImportReport>(await runCli(['import', source, '--json'], { databaseUrl: url, now })).created).toEqual({ issues: 0, deadlines: 0, subscribers: 0, subscriptions: 0 });
    }
  });

  it('CSV: the same deadlines, through --output and a file', async () => {
    const csvTarget = await createTestDatabase(ctx.provider);
    try {
      const out = path.join(dir, `export-${ctx.provider}.csv`);
      const exported = await runCli(['export', '--output', out], { databaseUrl: ctx.url, now });
      expect(exported).toMatchObject({ code: 0, stdout: '' });
      expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('issue,issue_title,title,due,announced,zone,by,to,sources,status,id,dueAt,precision,expression,key,resolution_note');
      const imported = await runCli(['import', out, '--json'], { databaseUrl: csvTarget.url, now });
      expect(jsonOf<ImportReport>(imported).created).toMatchObject({ issues: 2, deadlines: 5 });
      // CSV carries no issue status or offsets and no subscribers; every deadline field survives.
      expect(comparable(await list(csvTarget.url))).toEqual(comparable(await list(ctx.url)));
      expect(jsonOf<ImportReport>(await runCli(['import', out, '--json'], { databaseUrl: ctx.url, now })).created).toMatchObject({ deadlines: 0 });
    } finally {
      await csvTarget.drop();
    }
  });
});

describeStores('docket import: a larger file from a script', (ctx) => {
  it('shows no progress bar when output is not a terminal, and imports every row', async () => {
    const source = file(`large-${ctx.provider}.json`, JSON.stringify(makeImportDocument(1500, { slugPrefix: 'large' })));
    const result = await runCli(['import', source], { databaseUrl: ctx.url, now });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^deadlines\s+1500\s+0$/m);
    expect(await ctx.store.db.deadline.count()).toBe(1500);
  });
});
