// Property: `docket import` of a JSON or CSV file with broken rows — wrong types, missing and unknown
// fields, odd Unicode, impossible dates, bad zones, malformed CSV — exits 0 or 2; on 2 it names the
// file and lists each problem by row and field, prints no stack trace, and leaves the store exactly as
// it was (all or nothing).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createIssue } from '../../src/usecases/create-issue.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';
import { runCliInProcess } from './support/cli-in-process.js';
import { importCsv, importJson } from './support/import-files.js';
import { cliAnswerProblems } from './support/refusals.js';

const now = '2020-05-12T18:38:00+09:00';
const runs = Number(process.env.ABUSE_RUNS ?? 40);

describeStores('docket import: broken files', (ctx) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-abuse-import-'));
  let serial = 0;

  beforeAll(async () => {
    await createIssue({ db: ctx.store.db, now: new Date(now), actor: 'seed' }, { slug: 'jk', title: 'Japan–South Korea export controls' });
  });

  const importText = async (text: string, extension: string, extra: string[]) => {
    const file = path.join(dir, `broken-${++serial}${extension}`);
    writeFileSync(file, text);
    const before = await snapshotStore(ctx.store.db);
    const args = ['import', file, ...extra];
    const result = await runCliInProcess(args, { databaseUrl: ctx.url, now });
    const problems = cliAnswerProblems(result, args, ['--format']);
    if (result.code === 2) {
      if ((await snapshotStore(ctx.store.db)) !== before) problems.push('the store changed although the import was refused');
      // Every line after the first names a row (or counts the rest).
      const details = result.stderr.trimEnd().split('\n').slice(1);
      const unnamed = details.filter((line) => !/^ {2}(row \d+( \([^)]*\))?: \S|… and \d+ more)/.test(line));
      if (unnamed.length > 0) problems.push(`problem lines without a row: ${JSON.stringify(unnamed.slice(0, 3))}`);
    }
    if (extra.includes('--dry-run') && (await snapshotStore(ctx.store.db)) !== before) problems.push('a dry run wrote to the store');
    expect(problems, `${extension} ${extra.join(' ')}\n${text.slice(0, 800)}\n→ exit ${result.code}\n${result.stderr.slice(0, 800)}`).toEqual([]);
  };

  const options = fc.constantFrom<string[]>([], ['--dry-run'], ['--json'], ['--format', 'csv'], ['--format', 'json']);

  it('JSON files: exit 0 or 2, each problem by row and field, nothing written on 2', async () => {
    await fc.assert(fc.asyncProperty(importJson, fc.constantFrom('.json', '.txt'), options, (text, extension, extra) => importText(text, extension, extra)), { numRuns: runs });
  });

  it('CSV files: exit 0 or 2, each problem by row and field, nothing written on 2', async () => {
    await fc.assert(fc.asyncProperty(importCsv, fc.constantFrom('.csv', ''), options, (text, extension, extra) => importText(text, extension, extra)), { numRuns: runs });
  });
});
