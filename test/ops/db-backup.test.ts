// `docket db backup` on a real SQLite file while other processes write to it, restore by copying the
// file into place, and the refusals: an existing file without --force, and PostgreSQL (pg_dump's job).
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupReport } from '../../src/ops/sqlite-backup.js';
import type { Store } from '../../src/store/open-store.js';
import { makeIssue } from '../support/factories.js';
import { ensureBuilt, jsonOf, runCli } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

const now = '2020-05-12T18:38:00+09:00';

describe('docket db backup [sqlite]', () => {
  let database: TestDatabase;
  let store: Store;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-backup-'));
  const docket = (args: string[], databaseUrl = database.url) => runCli(args, { databaseUrl, now });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    store = await database.open();
    // Some megabytes of history, so a copy takes long enough for writes to land while it runs.
    const issue = await makeIssue(store.db, { slug: 'history' });
    const filler = 'x'.repeat(400);
    for (let batch = 0; batch < 10; batch++) {
      await store.db.event.createMany({
        data: Array.from({ length: 1000 }, (_, i) => ({ issueId: issue.id, kind: 'issue.note', actor: 'test', at: new Date(Date.UTC(2020, 0, 1, 0, 0, batch * 1000 + i)), dataJson: JSON.stringify({ text: `${batch}-${i} ${filler}` }) })),
      });
    }
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('copies the database while another process adds subscribers; each copy is a consistent, readable snapshot', async () => {
    const emails = Array.from({ length: 9 }, (_, i) => `writer${String(i).padStart(2, '0')}@example.com`);
    const writer = (async () => {
      const codes: string[] = [];
      for (const email of emails) {
        const added = await docket(['subscriber', 'add', email]);
        codes.push(`${added.code}${added.stderr}`);
      }
      return codes;
    })();
    const reports: BackupReport[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await docket(['db', 'backup', path.join(dir, `during-${i}.db`), '--json']);
      expect(result.code, result.stderr).toBe(0);
      reports.push(jsonOf<BackupReport>(result));
    }
    // Every write succeeded: the backup never made the writer fail with SQLITE_BUSY.
    expect(await writer).toEqual(emails.map(() => '0'));

    for (const report of reports) {
      expect(report).toMatchObject({ integrity: 'ok', file: expect.stringMatching(/during-\d\.db$/) });
      expect(report.rows.Event).toBeGreaterThanOrEqual(10_000);
      // Restore = copy the file into place; the CLI reads it like any database.
      const restored = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-restored-')), 'docket.db');
      copyFileSync(report.file, restored);
      const listed = await docket(['subscriber', 'list', '--json'], `file:${restored}`);
      expect(listed.code, listed.stderr).toBe(0);
      const copied = jsonOf<Array<{ email: string }>>(listed).map((row) => row.email).sort();
      // A snapshot: the first k subscribers the writer added, none missing in between, matching the count.
      expect(copied).toEqual(emails.slice(0, copied.length));
      expect(report.rows.Subscriber).toBe(copied.length);
    }
    // A copy taken after the writer finished has everything, and restored it is a complete database.
    const after = jsonOf<BackupReport>(await docket(['db', 'backup', path.join(dir, 'after.db'), '--json']));
    expect(after.rows.Subscriber).toBe(emails.length);
    const restored = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-restored-')), 'docket.db');
    copyFileSync(after.file, restored);
    const status = await docket(['db', 'status'], `file:${restored}`);
    expect(status.code, status.stdout).toBe(0);
    const history = await docket(['issue', 'show', 'history', '--json'], `file:${restored}`);
    expect(history.code, history.stderr).toBe(0);
    expect(jsonOf<{ slug: string }>(history).slug).toBe('history');
  });

  it('prints the size and the rows of each table, and leaves no temporary files', async () => {
    const file = path.join(dir, 'plain.db');
    const result = await docket(['db', 'backup', file]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Backed up .+ to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+\\.\\d MiB, integrity ok\\.$`));
    expect(lines.find((line) => line.startsWith('Event'))).toMatch(/^Event\s+10000$/);
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('refuses to overwrite an existing file without --force (exit 2, file untouched); --force replaces it', async () => {
    const file = path.join(dir, 'existing.db');
    writeFileSync(file, 'precious');
    const refused = await docket(['db', 'backup', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`docket: ${file} already exists; choose another file or pass --force to overwrite it\n`);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    const forced = await docket(['db', 'backup', file, '--force', '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(jsonOf<BackupReport>(forced).integrity).toBe('ok');
    expect(readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('refuses a missing folder and a missing database with exit 2, naming them', async () => {
    const folder = path.join(dir, 'no-such-folder');
    const noFolder = await docket(['db', 'backup', path.join(folder, 'copy.db')]);
    expect(noFolder).toMatchObject({ code: 2, stderr: `docket: folder ${folder} does not exist\n` });
    const absent = path.join(dir, 'absent.db');
    const noDatabase = await docket(['db', 'backup', path.join(dir, 'copy-of-absent.db')], `file:${absent}`);
    expect(noDatabase).toMatchObject({ code: 2, stderr: `docket: no SQLite database at ${absent} (check DATABASE_URL)\n` });
    expect(existsSync(absent)).toBe(false);
  });
});

describe('docket db backup [postgres]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database.drop());

  it('refuses with exit 2 and points to pg_dump, writing nothing', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-backup-pg-')), 'docket.db');
    const result = await runCli(['db', 'backup', file], { databaseUrl: database.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^docket: docket db backup copies a SQLite file; for PostgreSQL use pg_dump: pg_dump --format=custom/);
    expect(result.stderr).toContain('docs/production.md');
    expect(existsSync(file)).toBe(false);
  });
});
