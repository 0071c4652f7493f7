// Property: whatever arguments an admin (or a script gone wrong) passes to any `docket` command — odd
// Unicode, NUL, bidi marks, lone surrogates, huge values, impossible dates, invalid zones, unknown
// options — the command exits 0 or 2; on 2 it names the field and the value, prints no stack trace and
// leaves the store exactly as it was. Driven in-process (a spawn costs ~0.4 s); cli-process.test.ts
// checks the real process on a few of the same inputs.
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { closeIssue } from '../../src/usecases/change-issue-status.js';
import { addSubscriber } from '../../src/usecases/manage-subscribers.js';
import { resolveDeadline } from '../../src/usecases/resolve-deadline.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';
import { cliArguments, cliCommands, exitCodesOf, flagsOf, type Seeded } from './support/cli-commands.js';
import { runCliInProcess } from './support/cli-in-process.js';
import { cliAnswerProblems } from './support/refusals.js';

const now = '2020-05-12T18:38:00+09:00';
const commands = cliCommands();

describeStores('docket CLI: any arguments', (ctx) => {
  const seeded: Seeded = { slugs: ['jk', 'other', 'shut'], ids: [], emails: ['analyst@example.org'] };

  beforeAll(async () => {
    const write = { db: ctx.store.db, now: new Date(now), actor: 'seed' };
    for (const slug of seeded.slugs) await createIssue(write, { slug, title: `Issue ${slug}` });
    const open = await createDeadline(write, { issue: 'jk', title: 'A demand', due: 'end of this month', zone: 'Asia/Seoul' }, { defaultZone: 'UTC' });
    const met = await createDeadline(write, { issue: 'other', title: 'Answered', due: '2020-06-30', zone: 'Asia/Seoul' }, { defaultZone: 'UTC' });
    await resolveDeadline(write, met.id, { status: 'met', note: 'Answered' });
    await closeIssue(write, 'shut');
    await addSubscriber(write, { email: 'analyst@example.org' }, { defaultZone: 'UTC' });
    seeded.ids.push(String(open.id), `#${met.id}`, String(met.id + 100));
  });

  const check = async (args: string[]) => {
    const before = await snapshotStore(ctx.store.db);
    const result = await runCliInProcess(args, { databaseUrl: ctx.url, now });
    const problems = cliAnswerProblems(result, args, flagsOf(commands, args), exitCodesOf(args));
    if (result.code === 2 && (await snapshotStore(ctx.store.db)) !== before) problems.push('the store changed although the command failed');
    expect(problems, `docket ${JSON.stringify(args)} → exit ${result.code}\n${result.stderr.slice(0, 600)}`).toEqual([]);
  };

  it('covers every command commander knows, except the long-running and path-writing ones', () => {
    const names = commands.map((command) => command.path.join(' '));
    expect(names).toEqual(expect.arrayContaining(['issue add', 'deadline add', 'deadline extend', 'subscriber add', 'subscribe', 'import', 'tick', 'alerts retry']));
    expect(names).not.toContain('serve');
  });

  it('exits 0 or 2, names the field and value on 2, and changes nothing when it refuses', async () => {
    await fc.assert(fc.asyncProperty(cliArguments(commands, seeded), check), { numRuns: Number(process.env.ABUSE_RUNS ?? 100) });
    // A hundred commands, each with two store snapshots: ~3 s alone, but it ran past 60 s once in a full
    // suite on 2 busy cores (1,500 runs alone found no input slower than 1.5 s).
  }, 240_000);
});
