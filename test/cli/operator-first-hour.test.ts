// Issue 16, "the operator's first hour": each step a new operator took on main that went wrong, run as
// they ran it — the built CLI as a child process, against both stores.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { linkSecretKey } from '../../src/store/link-secret.js';
import { verifyToken } from '../../src/tokens.js';
import { ensureBuilt, jsonOf, projectRoot, runCli } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

const now = '2020-05-12T18:38:00+09:00';

describeStores('the operator\'s first hour', (ctx) => {
  const docket = (args: string[], env: Record<string, string> = {}) => runCli(args, { databaseUrl: ctx.url, now, env: { DOCKET_MAIL_TRANSPORT: 'outbox', ...env } });

  beforeAll(async () => {
    expect((await docket(['issue', 'add', 'jk', '--title', 'Japan–South Korea export controls'])).code).toBe(0);
  });

  it('a tick run by cron from another folder signs links with the same secret as every other process (kept in the store)', async () => {
    const serviceDir = mkdtempSync(path.join(os.tmpdir(), 'docket-service-'));
    const cronDir = mkdtempSync(path.join(os.tmpdir(), 'docket-cron-'));
    expect((await docket(['subscriber', 'add', 'links@example.org'], { DOCKET_DATA_DIR: serviceDir })).code).toBe(0);
    expect((await docket(['subscribe', 'links@example.org', 'jk'], { DOCKET_DATA_DIR: serviceDir })).code).toBe(0);
    expect((await docket(['deadline', 'add', '--issue', 'jk', '--title', 'Links demand', '--due', 'end of this month', '--zone', 'Asia/Seoul'], { DOCKET_DATA_DIR: serviceDir })).code).toBe(0);
    const outbox = path.join(cronDir, 'outbox');
    const tick = await docket(['tick', '--now', '2020-05-12T09:40:00Z'], { DOCKET_DATA_DIR: cronDir, DOCKET_OUTBOX_DIR: outbox });
    expect(tick.code).toBe(0);
    const mail = readdirSync(outbox).map((file) => readFileSync(path.join(outbox, file), 'utf8')).find((text) => text.includes('links@example.org'));
    expect(mail).toBeDefined();
    const token = /\/unsubscribe\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail!.replace(/=\r?\n/g, ''))![1]!;
    // The one secret in the store is what `docket serve` (any folder, any instance) verifies with.
    const rows = await ctx.store.db.meta.findMany({ where: { key: linkSecretKey } });
    expect(rows).toHaveLength(1);
    expect(verifyToken(rows[0]!.value, token, { purpose: 'unsubscribe', now: new Date() }).subscriberId).toBeGreaterThan(0);
    // Nothing was written to either data folder for the secret.
    expect(readdirSync(serviceDir)).not.toContain('secret');
    expect(readdirSync(cronDir)).not.toContain('secret');
  });

  it('docket tick prints only its summary (no JSON log line), or only JSON with --json', async () => {
    const plain = await docket(['tick', '--now', '2020-05-12T10:00:00Z']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^Tick at 2020-05-12T10:00:00.000Z: planned \d+, sent \d+/);
    expect(plain.stdout.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).not.toMatch(/"msg":"tick"/);
    const json = await docket(['tick', '--now', '2020-05-12T10:01:00Z', '--json']);
    expect(jsonOf<{ now: string }>(json).now).toBe('2020-05-12T10:01:00.000Z');
    expect(json.stderr).not.toMatch(/"msg":"tick"/);
  });

  it.each([
    [['start'], /unknown command 'start'\n\(Did you mean docket serve\?\)/],
    [['deadline', 'list', '--issue', 'jkk'], /^docket: no issue "jkk"; did you mean "jk"\?/],
    [['subscriber', 'add', 'seoul@example.org', '--zone', 'Asia/Seol'], /^docket: --zone "Asia\/Seol" is not an IANA time zone .*; did you mean "Asia\/Seoul"\?/],
  ])('%j: says what was probably meant (exit 2)', async (args, message) => {
    const result = await docket(args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it('a legacy fixed zone (EST) and an already-past deadline are refused without --yes, in one error line saying why', async () => {
    const est = await docket(['deadline', 'add', '--issue', 'jk', '--title', 'EST demand', '--due', '2020-06-30', '--zone', 'EST']);
    expect(est.code).toBe(2);
    expect(est.stderr).toMatch(/^docket: not saved: zone EST is a legacy zone .*did you mean America\/New_York\?/);
    expect(est.stderr).toMatch(/Add --yes to save it anyway/);
    const past = await docket(['deadline', 'add', '--issue', 'jk', '--title', 'Past demand', '--announced', '2020-04-01', '--due', 'end of month', '--zone', 'Asia/Seoul']);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/^docket: not saved: this deadline is already past \(due Thu 30 Apr 2020/);
    const titles = async () => (await ctx.store.db.deadline.findMany({ select: { title: true } })).map((row) => row.title);
    expect(await titles()).not.toContain('Past demand');
    const yes = await docket(['deadline', 'add', '--issue', 'jk', '--title', 'Past demand', '--announced', '2020-04-01', '--due', 'end of month', '--zone', 'Asia/Seoul', '--yes']);
    expect(yes.code).toBe(0);
    expect(yes.stderr).toMatch(/warning: this deadline is already past/);
    expect(await titles()).toContain('Past demand');
    const subscriber = await docket(['subscriber', 'add', 'est@example.org', '--zone', 'EST5EDT']);
    expect(subscriber.code).toBe(2);
    expect((await docket(['subscriber', 'add', 'est@example.org', '--zone', 'EST5EDT', '--yes'])).code).toBe(0);
  });

  it('an extension to a moment already past is refused without --yes, as an added deadline is; the record is untouched', async () => {
    const added = jsonOf<{ id: number; revision: number }>(await docket(['deadline', 'add', '--issue', 'jk', '--title', 'Extended demand', '--due', 'end of this month', '--zone', 'Asia/Seoul', '--json']));
    const row = () => ctx.store.db.deadline.findUniqueOrThrow({ where: { id: added.id }, select: { dueAt: true, revision: true, status: true } });
    const before = await row();
    const past = await docket(['deadline', 'extend', String(added.id), '--due', '2020-05-01', '--announced', '2020-04-20']);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/^docket: not saved: this deadline is already past \(due Fri 1 May 2020/);
    expect(await row()).toEqual(before);
    const yes = await docket(['deadline', 'extend', String(added.id), '--due', '2020-05-01', '--announced', '2020-04-20', '--yes']);
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Extended deadline');
    expect(yes.stderr).toMatch(/warning: this deadline is already past/);
    expect(await row()).toMatchObject({ revision: before.revision + 1, status: 'extended' });
    // A future extension needs no --yes.
    expect((await docket(['deadline', 'extend', String(added.id), '--due', '2020-06-15'])).code).toBe(0);
  });

  it('subscriber update --json shows what the subscriber follows', async () => {
    expect((await docket(['subscriber', 'add', 'follow@example.org'])).code).toBe(0);
    expect((await docket(['subscribe', 'follow@example.org', 'jk'])).code).toBe(0);
    const updated = jsonOf<{ subscriptions: Array<{ issue: string }>; changed: string[] }>(await docket(['subscriber', 'update', 'follow@example.org', '--delivery', 'daily', '--json']));
    expect(updated.subscriptions).toEqual([{ issue: 'jk', deadline: null }]);
    expect(updated.changed).toEqual(['delivery']);
  });

  it('titles with terminal escape sequences are printed escaped by issue show and list', async () => {
    const title = 'Evil \u001b]0;pwned\u0007 \u001b[2J title \u202e reversed \u009b31m';
    expect((await docket(['issue', 'add', 'evil', '--title', title])).code).toBe(0);
    for (const args of [['issue', 'show', 'evil'], ['issue', 'list']]) {
      const result = await docket(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Evil \\x1b]0;pwned\\x07 \\x1b[2J title \\u202e reversed \\x9b31m');
      expect(result.stdout).not.toMatch(/[\u001b\u0007\u202e\u009b]/);
    }
    const json = await docket(['issue', 'show', 'evil', '--json']);
    expect(json.stdout).not.toMatch(/[\u001b\u0007\u202e\u009b]/);
    expect(jsonOf<{ title: string }>(json).title).toBe(title);
  });

  it('`docket issue show jk | true` (the reader gone before Docket writes) ends quietly, without an EPIPE stack trace', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      // `true` exits at once, long before node has started: every write Docket makes gets EPIPE.
      const shell = spawn('sh', ['-c', 'node bin/docket.js issue show jk | true; node bin/docket.js issue list --json | true'], {
        cwd: projectRoot,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NO_COLOR: '1', DATABASE_URL: ctx.url, DOCKET_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'docket-epipe-')) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      shell.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      shell.on('error', reject);
      shell.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).toBe('');
  });

  it('help texts name the variables and the docs', async () => {
    const add = await docket(['deadline', 'add', '--help']);
    expect(add.stdout).toMatch(/read relative to --announced/);
    expect(add.stdout).toContain('docs/deadline-expressions.md');
    expect(add.stdout).toContain('DOCKET_DEFAULT_ZONE');
    expect(add.stdout).not.toMatch(/configured defaultZone/);
    expect((await docket(['subscriber', 'add', '--help'])).stdout).toContain('DOCKET_DEFAULT_ZONE');
  });
});
