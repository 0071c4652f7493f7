// `docket deadline find` and `docket deadline add --from` through the built CLI: files, standard input,
// saved pages and --url on a loopback server, and every kind of bad input refused with a clear message,
// the right exit code and the store untouched (on SQLite and PostgreSQL).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindResult } from '../../src/intake/types.js';
import type { DeadlineJson } from '../../src/usecases/json-views.js';
import { startPageServer, seedHtml, type PageServer } from '../intake/support/page-server.js';
import { ensureBuilt, jsonOf, projectRoot, runCli, snapshotStore, type CliResult } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'announcements');
const seedFile = path.join(fixtures, 'en-00-seed-article-2020-05-12.txt');
const seedText = readFileSync(seedFile, 'utf8');
const now = '2020-05-13T03:00:00Z';
const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-intake-'));
const unusedDb = `file:${path.join(dir, 'unused.db')}`;
const binary = path.join(dir, 'image.png');
const empty = path.join(dir, 'empty.txt');
const large = path.join(dir, 'large.txt');
let server: PageServer;

beforeAll(async () => {
  ensureBuilt();
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  writeFileSync(empty, '');
  const fd = openSync(large, 'w');
  ftruncateSync(fd, 50 * 1024 * 1024); // sparse: 50 MB long without writing 50 MB
  closeSync(fd);
  server = await startPageServer({
    '/article': { type: 'text/html; charset=utf-8', body: seedHtml(seedText) },
    '/plain': { type: 'text/plain; charset=utf-8', body: seedText },
  });
}, 180_000);
afterAll(() => server?.close());

/** runCli with something on standard input. */
function runWithInput(args: string[], input: string | Buffer, databaseUrl = unusedDb): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TZ: 'Pacific/Kiritimati', NO_COLOR: '1', DATABASE_URL: databaseUrl, DOCKET_DATA_DIR: dir, DOCKET_NOW: now, DOCKET_CLOCK_RATE: '0.000001' };
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'docket.js'), ...args], { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const find = (args: string[]) => runCli(['deadline', 'find', ...args], { databaseUrl: unusedDb, now });

describe('docket deadline find', () => {
  it('prints the seed article\'s deadline as JSON with exactly the fields the issue names', async () => {
    const result = await find([seedFile, '--json']);
    expect(result.stderr).toBe('');
    const json = jsonOf<FindResult>(result);
    expect(Object.keys(json)).toEqual(['language', 'announced', 'candidates']);
    expect(json.announced).toEqual({ at: '2020-05-12T18:38:00.000+09:00', zone: 'Asia/Seoul', from: 'dateline; zone from demanding party' });
    expect(json.candidates).toHaveLength(1);
    const start = seedText.indexOf('I asked for a concrete position');
    expect(json.candidates[0]).toEqual({
      dueAt: '2020-05-31T23:59:59.999+09:00',
      zone: 'Asia/Seoul',
      precision: 'day',
      expression: 'by the end of this month',
      reading: 'end of this month → Sun 31 May 2020',
      demandedBy: 'South Korea',
      demandedOf: 'Japan',
      title: 'a concrete position',
      evidence: { text: 'I asked for a concrete position by the end of this month.', start, end: start + 57 },
      confidence: 0.99,
    });
  });

  it('shows each candidate to a person with the deadline words marked', async () => {
    const result = await find([seedFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1. Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)');
    expect(result.stdout).toContain('   South Korea → Japan: a concrete position');
    expect(result.stdout).toContain('   I asked for a concrete position [by the end of this month].');
  });

  it('reads Korean from standard input and Japanese with --lang', async () => {
    const ko = await runWithInput(['deadline', 'find', '-', '--json'], readFileSync(path.join(fixtures, 'ko-01-motie-yonhap.txt')));
    expect(jsonOf<FindResult>(ko)).toMatchObject({ language: 'ko', candidates: [{ dueAt: '2020-05-31T23:59:59.999+09:00', demandedBy: 'South Korea', demandedOf: 'Japan', expression: '이달 말까지' }] });
    const ja = await find([path.join(fixtures, 'ja-01-seoul-kyodo.txt'), '--lang', 'ja', '--json']);
    expect(jsonOf<FindResult>(ja)).toMatchObject({ language: 'ja', candidates: [{ expression: '今月末までに', demandedBy: 'South Korea', demandedOf: 'Japan' }] });
  });

  it('finds the main text of a saved page and its publication time, ignoring the navigation and sidebars', async () => {
    const file = path.join(dir, 'page.html');
    writeFileSync(file, seedHtml(seedText.replace('18:38, May 12', '')));
    const json = jsonOf<FindResult>(await find([file, '--json']));
    expect(json.announced).toMatchObject({ at: '2020-05-12T18:38:00.000+09:00', from: 'metadata; zone from demanding party' });
    expect(json.candidates.map((c) => c.dueAt)).toEqual(['2020-05-31T23:59:59.999+09:00']);
  });

  it('fetches --url (following a redirect) and reads the page', async () => {
    const json = jsonOf<FindResult>(await find(['--url', server.url('/moved'), '--json']));
    expect(json.candidates.map((c) => [c.dueAt, c.demandedBy, c.demandedOf])).toEqual([['2020-05-31T23:59:59.999+09:00', 'South Korea', 'Japan']]);
  });

  it('prints no candidates, and exits 0, for a text without a deadline', async () => {
    const result = await find([path.join(fixtures, 'en-04-tokyo-background-only.txt'), '--json']);
    expect(result.code).toBe(0);
    expect(jsonOf<FindResult>(result).candidates).toEqual([]);
  });

  describe('refuses bad input with a clear message', () => {

    it.each([
      ['a binary file', () => [binary], 2, /^docket: FILE ".*image\.png" is not text \(it contains NUL bytes/],
      ['an empty file', () => [empty], 2, /^docket: FILE ".*empty\.txt" is empty/],
      ['a 50 MB file', () => [large], 2, /^docket: FILE ".*large\.txt" is 50 MB; Docket reads reports up to 5 MB/],
      ['a missing file', () => [path.join(dir, 'nope.txt')], 2, /^docket: FILE ".*nope\.txt" does not exist/],
      ['a URL that times out', () => ['--url', server.url('/slow'), '--timeout', '1'], 1, /^docket: --url "http:\/\/127\.0\.0\.1:\d+\/slow" did not answer within 1 s/],
      ['a URL that answers 500', () => ['--url', server.url('/error')], 1, /^docket: --url ".*\/error" answered HTTP 500 Internal Server Error/],
      ['a redirect loop', () => ['--url', server.url('/loop')], 1, /^docket: --url ".*\/loop" redirected more than 5 times/],
      ['a 20 MB body', () => ['--url', server.url('/huge')], 2, /^docket: --url ".*\/huge" sends more than 5 MB/],
      ['a PDF', () => ['--url', server.url('/pdf')], 2, /^docket: --url ".*\/pdf" is not a web page or text \(content-type application\/pdf\)/],
      ['a file: URL', () => ['--url', 'file:///etc/passwd'], 2, /^docket: --url "file:\/\/\/etc\/passwd" uses file; only http and https pages are fetched/],
      ['an unknown language', () => [seedFile, '--lang', 'fr'], 2, /^docket: --lang "fr" is not a language Docket reads: auto, en, ja or ko/],
    ])('%s', async (_name, args, code, message) => {
      const result = await find(args());
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
    });
  });
});

describeStores('docket deadline add --from', (ctx) => {
  const docket = (args: string[], at = now) => runCli(args, { databaseUrl: ctx.url, now: at });
  const slug = 'japan-korea-export-controls';
  // Every test below adds to this issue (and each runs alone as well).
  beforeAll(async () => {
    expect((await docket(['issue', 'add', slug, '--title', 'Japan–South Korea export controls'])).code).toBe(0);
  }, 60_000);

  it('saves the seed article\'s deadline with its evidence sentence and URL', async () => {
    const result = await docket(['deadline', 'add', '--issue', slug, '--from', '', '--url', server.url('/article'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)');
    const saved = jsonOf<DeadlineJson>(result);
    expect(saved).toMatchObject({ issue: slug, title: 'a concrete position', dueAt: '2020-05-31T23:59:59.999+09:00', zone: 'Asia/Seoul', precision: 'day', expression: 'by the end of this month', demandedBy: 'South Korea', demandedOf: 'Japan', sources: [server.url('/article')] });
    const [event] = await ctx.store.db.event.findMany({ where: { deadlineId: saved.id } });
    expect(JSON.parse(event!.dataJson).evidence).toBe('I asked for a concrete position by the end of this month.');
  });

  it('lets every proposed field be changed, and --pick choose among several', async () => {
    const file = path.join(fixtures, 'en-05-geneva-two-demands.txt');
    const several = await docket(['deadline', 'add', '--issue', slug, '--from', file], '2023-11-15T00:00:00Z');
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/^docket: 2 candidates were found; choose one with --pick N \(1–2\)/m);
    const result = await docket(['deadline', 'add', '--issue', slug, '--from', file, '--pick', '2', '--title', 'Withdraw retaliatory tariffs', '--to', 'People\'s Republic of China', '--json'], '2023-11-15T00:00:00Z');
    expect(result.code, result.stderr).toBe(0);
    expect(jsonOf<DeadlineJson>(result)).toMatchObject({ title: 'Withdraw retaliatory tariffs', demandedBy: 'World Trade Organization', demandedOf: 'People\'s Republic of China', dueAt: '2024-03-31T23:59:59.999+02:00', zone: 'Europe/Zurich' });
  });

  it('saves nothing for bad input, a text without deadlines, or a wrong --pick', async () => {
    const before = await snapshotStore(ctx.store.db);
    const cases: Array<[string[], number, RegExp]> = [
      [['--from', binary], 2, /^docket: --from ".*image\.png" is not text/],
      [['--from', empty], 2, /^docket: --from ".*empty\.txt" is empty/],
      [['--from', large], 2, /^docket: --from ".*large\.txt" is 50 MB/],
      [['--from', '', '--url', server.url('/error')], 1, /answered HTTP 500/],
      [['--from', '', '--url', server.url('/huge')], 2, /sends more than 5 MB/],
      [['--from', path.join(fixtures, 'en-04-tokyo-background-only.txt')], 2, /names no deadline Docket can read; add it with --title and --due instead/],
      [['--from', seedFile, '--pick', '3'], 2, /--pick "3" is not a candidate number: choose 1/],
      [['--from', seedFile, '--due', 'soon'], 2, /--due "soon" names no date/],
    ];
    for (const [args, code, message] of cases) {
      const result = await docket(['deadline', 'add', '--issue', slug, ...args]);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.code, args.join(' ')).toBe(code);
    }
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  // `script` gives the command a real terminal, so the questions are asked; answers are typed ahead.
  it.skipIf(!existsSync('/usr/bin/script'))('on a terminal, asks which candidate and every field, then saves the answers', async () => {
    const file = path.join(fixtures, 'en-05-geneva-two-demands.txt');
    const command = [process.execPath, path.join(projectRoot, 'bin', 'docket.js'), 'deadline', 'add', '--issue', slug, '--from', file].map((a) => `'${a}'`).join(' ');
    const env = { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TZ: 'UTC', NO_COLOR: '1', DATABASE_URL: ctx.url, DOCKET_DATA_DIR: dir, DOCKET_NOW: '2023-11-15T00:00:00Z', DOCKET_CLOCK_RATE: '0.000001', DOCKET_ACTOR: 'test-admin' };
    const typed = '2\nWithdraw the tariffs\n\n\n\n\nPRC\ny\n';
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.on('error', reject);
      child.on('close', () => resolve(out));
      child.stdin.end(typed);
    });
    expect(output).toContain('Pick a candidate [1–2]');
    expect(output).toContain('What is demanded [withdraw its retaliatory tariffs]:');
    expect(output).toContain('Demanded of [China]:');
    expect(output).toMatch(/Saved deadline \d+ on japan-korea-export-controls\./);
    const row = await ctx.store.db.deadline.findFirstOrThrow({ where: { title: 'Withdraw the tariffs' } });
    expect([row.demandedBy, row.demandedOf, row.zone, row.expression]).toEqual(['World Trade Organization', 'PRC', 'Europe/Zurich', 'no later than 31 March 2024']);
  });

  it('still asks for --title and --due without --from', async () => {
    const result = await docket(['deadline', 'add', '--issue', slug, '--title', 'A demand']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^docket: required option '--due <expression>' not specified/);
  });
});
