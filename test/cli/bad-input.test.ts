// Every way an admin can get a command wrong exits 2 with a message naming the field and the value, prints
// no stack trace, and leaves the store exactly as it was (compared row by row before and after).
import { beforeAll, it } from 'vitest';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { addSubscriber } from '../../src/usecases/manage-subscribers.js';
import { resolveDeadline } from '../../src/usecases/resolve-deadline.js';
import type { WriteContext } from '../../src/usecases/write-context.js';
import { ensureBuilt, runCli, snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const now = '2020-05-12T18:38:00+09:00';

beforeAll(() => ensureBuilt(), 180_000);

describeStores('docket CLI: bad input', (ctx) => {
  const ids = { open: 0, resolved: 0, elsewhere: 0 };

  beforeAll(async () => {
    const write: WriteContext = { db: ctx.store.db, now: new Date(now), actor: 'seed' };
    const deadline = (issue: string, due: string) => createDeadline(write, { issue, title: 'A demand', due, zone: 'Asia/Seoul' }, { defaultZone: 'UTC' });
    await createIssue(write, { slug: 'jk', title: 'Japan–South Korea export controls' });
    await createIssue(write, { slug: 'other', title: 'Another issue' });
    ids.open = (await deadline('jk', 'end of this month')).id;
    ids.resolved = (await deadline('jk', '2020-06-30')).id;
    ids.elsewhere = (await deadline('other', '2020-06-30')).id;
    await resolveDeadline(write, ids.resolved, { status: 'met', note: 'Answered' });
    await addSubscriber(write, { email: 'analyst@example.org' }, { defaultZone: 'UTC' });
  });

  const add = (...extra: string[]) => ['deadline', 'add', '--issue', 'jk', '--title', 'A demand', '--due', 'end of this month', ...extra];
  // Each case: the arguments (ids filled in at run time) and what stderr must say.
  const cases: Array<[string, () => string[], RegExp]> = [
    ['an unreadable --due', () => add('--due', 'next blursday'), /^docket: --due "next blursday" cannot be read/],
    ['a --due before the announcement', () => add('--due', '2020-05-01'), /^docket: --due "2020-05-01" is before the announcement/],
    ['an unknown zone', () => add('--zone', 'Mars/Base'), /^docket: --zone "Mars\/Base" is not an IANA time zone/],
    ['an unknown issue', () => add('--issue', 'nope'), /^docket: no issue "nope"/],
    ['a missing required option', () => ['deadline', 'add', '--issue', 'jk', '--title', 'A demand'], /^docket: required option '--due <expression>' not specified/],
    ['an unknown option', () => ['issue', 'add', 'fresh', '--title', 'Fresh', '--colour', 'red'], /^docket: unknown option '--colour'/],
    ['a duplicate slug', () => ['issue', 'add', 'jk', '--title', 'Again'], /^docket: issue "jk" already exists/],
    ['a bad slug', () => ['issue', 'add', 'Japan Korea', '--title', 'x'], /^docket: <slug> "Japan Korea" is not a slug/],
    ['a non-http source', () => ['issue', 'add', 'fresh', '--title', 'Fresh', '--source', 'ftp://example.org/a'], /^docket: --source "ftp:\/\/example.org\/a" is not an http\(s\) URL/],
    ['bad offsets', () => ['issue', 'update', 'jk', '--offsets', '3 months'], /^docket: --offsets "3 months" has "3 months", which is not an offset/],
    ['a bad email', () => ['subscriber', 'add', 'not-an-email'], /^docket: <email> "not-an-email" is not an email address/],
    ['a bad delivery', () => ['subscriber', 'add', 'desk@example.org', '--delivery', 'hourly'], /^docket: --delivery "hourly" must be one of immediate, daily, weekly/],
    ['a bad weekday', () => ['subscriber', 'add', 'desk@example.org', '--delivery', 'weekly', '--weekday', 'funday'], /^docket: --weekday "funday" must be one of mon, tue, wed, thu, fri, sat, sun/],
    ['a bad weekday on update', () => ['subscriber', 'update', 'analyst@example.org', '--weekday', '7'], /^docket: --weekday "7" must be one of mon, tue/],
    ['a bad reminder name', () => ['subscriber', 'update', 'analyst@example.org', '--reminders', '1d,2d'], /^docket: --reminders "1d,2d" has "2d", which is not a reminder: use 7d, 1d, due, overdue/],
    ['an empty reminder list', () => ['subscriber', 'update', 'analyst@example.org', '--reminders', ','], /^docket: --reminders "," is empty/],
    ['resolving twice', () => ['deadline', 'resolve', String(ids.resolved), '--status', 'missed'], /^docket: deadline \d+ is already met \("Answered"\); it cannot be resolved again/],
    ['a bad resolve --status', () => ['deadline', 'resolve', String(ids.open), '--status', 'done'], /^docket: --status "done" must be one of met, missed, withdrawn/],
    ['a bad list --status', () => ['deadline', 'list', '--status', 'late'], /^docket: --status "late" must be one of open, resolved, all, /],
    ['a deadline id that is not a number', () => ['deadline', 'show', 'first'], /^docket: <id> "first" is not a deadline id/],
    ['a deadline of another issue', () => ['subscribe', 'analyst@example.org', 'jk', '--deadline', String(ids.elsewhere)], /^docket: --deadline "\d+" belongs to issue "other", not "jk"/],
  ];

  // Concurrent (none of them may write, and a stray write would show in every snapshot): each spawn is slow.
  it.concurrent.for(cases)('%s: exit 2, the field named, the store untouched', async ([, args, message], { expect }) => {
    const before = await snapshotStore(ctx.store.db);
    const result = await runCli(args(), { databaseUrl: ctx.url, now });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace for a user's mistake
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });
});
