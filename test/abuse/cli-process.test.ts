// The real `docket` process with the argv a shell can hand it: emoji, bidi marks, line breaks, a value of
// 100,000 characters, and a lone surrogate (which the OS boundary turns into U+FFFD, so it arrives as
// ordinary text). NUL cannot be passed at all. The properties over the in-process entry cover the rest.
import { spawn } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { createIssue } from '../../src/usecases/create-issue.js';
import { ensureBuilt, projectRoot, runCli, snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';
import { cliAnswerProblems } from './support/refusals.js';

const now = '2020-05-12T18:38:00+09:00';

beforeAll(() => ensureBuilt(), 180_000);

it('cannot pass a NUL in an argument to a process at all', () => {
  expect(() => spawn(process.execPath, ['bin/docket.js', 'issue', 'add', 'x', '--title', 'a\u0000b'], { cwd: projectRoot })).toThrow(/null bytes/);
});

describeStores('docket process: odd argv', (ctx) => {
  beforeAll(async () => {
    await createIssue({ db: ctx.store.db, now: new Date(now), actor: 'seed' }, { slug: 'jk', title: 'Japan–South Korea export controls' });
  });

  const refused: string[][] = [
    ['deadline', 'add', '--issue', 'jk', '--title', 'T', '--due', '2024-02-30'],
    ['subscriber', 'add', 'a@example.org\r\nBcc: victim@example.com'],
    ['issue', 'add', 'big', '--title', '👩🏽‍⚖️'.repeat(7000)],
  ];

  // Concurrent: none of them may write, so a stray write shows in every snapshot.
  const cases = refused.map((args): [string, string[]] => [JSON.stringify(args.join(' ')).slice(0, 70), args]);
  it.concurrent.for(cases)('docket %s: exit 2, field and value named, no stack, store untouched', async ([, args], { expect }) => {
    const before = await snapshotStore(ctx.store.db);
    const result = await runCli(args, { databaseUrl: ctx.url, now });
    expect(result.code, result.stderr).toBe(2);
    expect(cliAnswerProblems(result, args)).toEqual([]);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('keeps emoji, bidi marks and line breaks as typed, and a lone surrogate arrives as U+FFFD', async () => {
    const title = '👩🏽‍⚖️ 🇯🇵🇰🇷 \u202Eevil\u202C line\nbreak';
    const added = await runCli(['issue', 'add', 'odd-text', '--title', title, '--party', 'a\uD800b'], { databaseUrl: ctx.url, now });
    expect(added.code, added.stderr).toBe(0);
    const issue = await ctx.store.db.trackedIssue.findUniqueOrThrow({ where: { slug: 'odd-text' } });
    expect(issue.title).toBe(title);
    expect(JSON.parse(issue.partiesJson)).toEqual(['a\uFFFDb']);
  });
});
