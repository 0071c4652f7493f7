// The canonical case (docs: shared domain notes), end to end through the built `docket` command on both
// stores: South Korea asks Japan, on 12 May 2020 in Seoul, for its position "by the end of this month".
import { beforeAll, expect } from 'vitest';
import type { DeadlineJson, EventJson, IssueJson, SubscriberJson } from '../../src/usecases/json-views.js';
import { ensureBuilt, jsonOf, runCli } from '../support/run-cli.js';
import { story } from '../support/story.js';
import { describeStores } from '../support/test-stores.js';

const slug = 'japan-korea-export-controls';
const announcedNow = '2020-05-12T18:38:00+09:00';

beforeAll(() => ensureBuilt(), 180_000);

describeStores('docket CLI: the canonical case', (ctx) => {
  const docket = (args: string[], now = announcedNow) => runCli(args, { databaseUrl: ctx.url, now });
  let id = 0;
  // One story: each step builds on the ones before (a step run alone with -t runs them first).
  const step = story();

  step('tracks the issue', async () => {
    const result = await docket([
      'issue', 'add', slug,
      '--title', 'Japan–South Korea export controls',
      '--summary', 'Japan tightened export controls on three semiconductor materials to South Korea in July 2019.',
      '--party', 'South Korea', '--party', 'Japan',
      '--tag', 'export-controls', '--tag', 'semiconductors',
      '--source', 'https://en.yna.co.kr/view/AEN20200512003451320',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`Tracking issue ${slug}: Japan–South Korea export controls\n`);
  });

  step('adds the deadline, saying how "end of this month" was read before saving', async () => {
    const result = await docket([
      'deadline', 'add', '--issue', slug,
      '--title', "South Korea's request for Japan's position on withdrawing export controls",
      '--due', 'end of this month', '--zone', 'Asia/Seoul', '--by', 'South Korea', '--to', 'Japan',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)');
    expect(lines[1]).toBe('Read "end of this month" as: end of this month → Sun 31 May 2020');
    expect(lines[2]).toBe('Announced Tue 12 May 2020, 18:38 UTC+9; demand by South Korea of Japan');
    const saved = /^Saved deadline (\d+) on japan-korea-export-controls\.$/.exec(lines[3] ?? '');
    expect(saved).not.toBeNull();
    id = Number(saved![1]);
    // Written with its event, waiting for the alert engine.
    const row = await ctx.store.db.deadline.findUniqueOrThrow({ where: { id } });
    expect(row.plannedAt).toBeNull();
    const events = await ctx.store.db.event.findMany({ where: { deadlineId: id } });
    expect(events.map((e) => [e.kind, e.notify, e.actor, e.fannedOutAt])).toEqual([['deadline.created', true, 'cli:test-admin', null]]);
  });

  step('lists it as JSON with the due moment in Seoul time, and as a table', async () => {
    const json = jsonOf<DeadlineJson[]>(await docket(['deadline', 'list', '--json']));
    expect(json).toEqual([
      {
        id,
        issue: slug,
        title: "South Korea's request for Japan's position on withdrawing export controls",
        status: 'pending',
        dueAt: '2020-05-31T23:59:59.999+09:00',
        zone: 'Asia/Seoul',
        precision: 'day',
        expression: 'end of this month',
        announcedAt: '2020-05-12T18:38:00.000+09:00',
        demandedBy: 'South Korea',
        demandedOf: 'Japan',
        sources: [],
        offsets: null,
        resolutionNote: null,
        revision: 0,
        createdAt: '2020-05-12T18:38:00.000+09:00',
        updatedAt: '2020-05-12T18:38:00.000+09:00',
      },
    ]);
    const table = await docket(['deadline', 'list', '--issue', slug], '2020-05-30T12:00:00+09:00');
    expect(table.code).toBe(0);
    const [head, row] = table.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^id\s+issue\s+due\s+zone\s+status\s+when\s+title$/);
    expect(row).toMatch(new RegExp(`^${id}\\s+${slug}\\s+Sun 31 May 2020 \\(end of day\\)\\s+Asia/Seoul\\s+pending\\s+1 day 11 h left\\s+South Korea's request`));
    // No colour codes when NO_COLOR is set (and stdout is not a terminal anyway).
    expect(table.stdout).not.toContain('\u001b[');
    // Past its moment with no answer: the shared word is "overdue", as on the pages and in emails.
    const late = await docket(['deadline', 'list', '--issue', slug], '2020-06-02T12:00:00+09:00');
    expect(late.stdout).toMatch(/Asia\/Seoul\s+overdue\s+overdue by 1 day 12 h\s+South Korea's request/);
  });

  step('records Japan\'s non-answer as a note on the issue, not a resolution', async () => {
    const result = await docket(['issue', 'note', slug, "Japan's Chief Cabinet Secretary declined to comment on each point."], '2020-05-12T16:00:00+09:00');
    expect(result).toMatchObject({ code: 0, stdout: `Noted on ${slug}; subscribers will be told.\n` });
  });

  step('adds a subscriber (confirmed, lower-cased) and subscribes them once, however often asked', async () => {
    const added = await docket(['subscriber', 'add', 'Analyst@Example.org', '--zone', 'Europe/London', '--delivery', 'daily', '--json']);
    expect(jsonOf<SubscriberJson>(added)).toMatchObject({ email: 'analyst@example.org', zone: 'Europe/London', delivery: 'daily', confirmed: true });
    const first = await docket(['subscribe', 'analyst@example.org', slug]);
    expect(first).toMatchObject({ code: 0, stdout: `Subscribed analyst@example.org to issue ${slug}.\n` });
    const second = await docket(['subscribe', 'ANALYST@example.org', slug]);
    expect(second).toMatchObject({ code: 0, stdout: `analyst@example.org is already subscribed to issue ${slug}.\n` });
    const perDeadline = await docket(['subscribe', 'analyst@example.org', slug, '--deadline', String(id), '--json']);
    expect(jsonOf(perDeadline)).toMatchObject({ email: 'analyst@example.org', issue: slug, deadline: id, scope: `deadline:${id}`, created: true });
    const list = jsonOf<SubscriberJson[]>(await docket(['subscriber', 'list', '--json']));
    expect(list.map((s) => [s.email, s.subscriptions])).toEqual([['analyst@example.org', [{ issue: slug, deadline: null }, { issue: slug, deadline: id }]]]);
  });

  step('extends it: status extended, revision 1, the new date in Seoul time', async () => {
    const result = await docket(['deadline', 'extend', String(id), '--due', '2020-06-15', '--note', 'Seoul gave Tokyo two more weeks', '--json'], '2020-05-29T10:00:00+09:00');
    expect(result.code).toBe(0);
    expect(jsonOf<DeadlineJson>(result)).toMatchObject({ id, status: 'extended', revision: 1, dueAt: '2020-06-15T23:59:59.999+09:00', precision: 'day', expression: '2020-06-15' });
  });

  step('corrects who the demand is addressed to, then resolves it as missed', async () => {
    const updated = await docket(['deadline', 'update', String(id), '--to', 'Japan (METI)'], '2020-05-29T11:00:00+09:00');
    expect(updated).toMatchObject({ code: 0, stdout: `Updated deadline ${id}: demandedOf\n` });
    const resolved = await docket(['deadline', 'resolve', String(id), '--status', 'missed', '--note', 'No position received'], '2020-06-16T09:00:00+09:00');
    expect(resolved).toMatchObject({ code: 0, stdout: `Deadline ${id} resolved: missed — No position received.\n` });
  });

  step('shows the deadline with its whole history', async () => {
    const shown = jsonOf<DeadlineJson & { history: EventJson[] }>(await docket(['deadline', 'show', String(id), '--json']));
    expect(shown).toMatchObject({ status: 'missed', resolutionNote: 'No position received', demandedOf: 'Japan (METI)', revision: 1 });
    expect(shown.history.map((e) => [e.kind, e.at, e.actor])).toEqual([
      ['deadline.created', '2020-05-12T18:38:00.000+09:00', 'cli:test-admin'],
      ['deadline.extended', '2020-05-29T10:00:00.000+09:00', 'cli:test-admin'],
      ['deadline.updated', '2020-05-29T11:00:00.000+09:00', 'cli:test-admin'],
      ['deadline.resolved', '2020-06-16T09:00:00.000+09:00', 'cli:test-admin'],
    ]);
    expect(shown.history[1]!.data).toEqual({
      from: { dueAt: '2020-05-31T23:59:59.999+09:00', zone: 'Asia/Seoul', precision: 'day', expression: 'end of this month' },
      to: { dueAt: '2020-06-15T23:59:59.999+09:00', zone: 'Asia/Seoul', precision: 'day', expression: '2020-06-15' },
      note: 'Seoul gave Tokyo two more weeks',
    });
    expect(shown.history[2]!.data).toEqual({ changes: { demandedOf: { from: 'Japan', to: 'Japan (METI)' } } });
    expect(shown.history[3]!.data).toEqual({ status: 'missed', note: 'No position received' });

    const human = await docket(['deadline', 'show', String(id)]);
    expect(human.stdout).toContain("Deadline 1: South Korea's request".replace('1', String(id)));
    expect(human.stdout).toMatch(/deadline\.extended\s+cli:test-admin\s+Sun 31 May 2020 \(end of day\) Asia\/Seoul → Mon 15 Jun 2020 \(end of day\) Asia\/Seoul: Seoul gave Tokyo two more weeks/);
  });

  step('shows the issue with its deadlines and history, then closes it', async () => {
    const issue = jsonOf<IssueJson & { deadlines: DeadlineJson[]; history: EventJson[]; subscriptions: number }>(await docket(['issue', 'show', slug, '--json']));
    expect(issue).toMatchObject({ slug, status: 'open', parties: ['South Korea', 'Japan'], tags: ['export-controls', 'semiconductors'], subscriptions: 2 });
    expect(issue.deadlines.map((d) => d.id)).toEqual([id]);
    expect(issue.history.map((e) => e.kind)).toEqual(['issue.created', 'deadline.created', 'issue.note', 'deadline.extended', 'deadline.updated', 'deadline.resolved']);
    expect(issue.history[2]).toMatchObject({ kind: 'issue.note', notify: true, at: '2020-05-12T07:00:00.000Z', data: { note: "Japan's Chief Cabinet Secretary declined to comment on each point." } });

    expect(await docket(['unsubscribe', 'analyst@example.org', slug])).toMatchObject({ code: 0, stdout: `Unsubscribed analyst@example.org from issue ${slug}.\n` });
    expect(await docket(['issue', 'close', slug])).toMatchObject({ code: 0, stdout: `Closed issue ${slug}.\n` });
    const open = await docket(['issue', 'list', '--json']);
    expect(jsonOf(open)).toEqual([]);
    const closed = jsonOf<Array<IssueJson & { openDeadlines: number }>>(await docket(['issue', 'list', '--status', 'closed', '--json']));
    expect(closed.map((i) => [i.slug, i.status, i.openDeadlines])).toEqual([[slug, 'closed', 0]]);
  });

  step('removes the subscriber with their remaining subscription', async () => {
    expect(await docket(['subscriber', 'remove', 'analyst@example.org'])).toMatchObject({ code: 0 });
    expect(await ctx.store.db.subscription.count()).toBe(0);
    expect(jsonOf(await docket(['subscriber', 'list', '--json']))).toEqual([]);
  });
});
