import { expect, it } from 'vitest';
import { addIssueNote } from '../../src/usecases/add-issue-note.js';
import { closeIssue, reopenIssue } from '../../src/usecases/change-issue-status.js';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { eventJson, issueJson } from '../../src/usecases/json-views.js';
import { listIssues, showIssue } from '../../src/usecases/read-issues.js';
import { updateIssue } from '../../src/usecases/update-issue.js';
import type { WriteContext } from '../../src/usecases/write-context.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const now = new Date('2020-05-12T09:38:00.000Z');

describeStores('issue use cases', (ctx) => {
  const write = (at = now): WriteContext => ({ db: ctx.store.db, now: at, actor: 'test-admin' });
  const eventsOf = async (slug: string) => (await showIssue(ctx.store.db, slug)).history.map((event) => eventJson(event));

  it('creates an issue with its lists and an issue.created event in its history', async () => {
    const issue = await createIssue(write(), {
      slug: 'japan-korea-export-controls',
      title: '  Japan–South Korea export controls ',
      parties: ['South Korea', 'Japan', 'Japan', ' '],
      tags: ['export-controls'],
      sources: ['https://en.yna.co.kr/view/AEN20200512003451320'],
      offsets: '1w,1d,0d',
    });
    expect(issueJson(issue)).toEqual({
      slug: 'japan-korea-export-controls',
      title: 'Japan–South Korea export controls',
      summary: '',
      status: 'open',
      parties: ['South Korea', 'Japan'],
      tags: ['export-controls'],
      sources: ['https://en.yna.co.kr/view/AEN20200512003451320'],
      offsets: ['P7D', 'P1D', 'P0D'],
      createdAt: '2020-05-12T09:38:00.000Z',
      updatedAt: '2020-05-12T09:38:00.000Z',
    });
    expect(await eventsOf('japan-korea-export-controls')).toEqual([
      {
        id: expect.any(Number),
        at: '2020-05-12T09:38:00.000Z',
        kind: 'issue.created',
        actor: 'test-admin',
        deadline: null,
        notify: false,
        data: { slug: 'japan-korea-export-controls', title: 'Japan–South Korea export controls' },
      },
    ]);
  });

  it('refuses a duplicate slug, a bad slug, an empty title and a non-http source, writing nothing', async () => {
    await createIssue(write(), { slug: 'dup', title: 'First' });
    const before = await snapshotStore(ctx.store.db);
    await expect(createIssue(write(), { slug: 'dup', title: 'Second' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('issue "dup" already exists') });
    await expect(createIssue(write(), { slug: 'Dup_1', title: 'x' })).rejects.toMatchObject({ code: 'validation', field: 'slug', value: 'Dup_1' });
    await expect(createIssue(write(), { slug: 'x'.repeat(65), title: 'x' })).rejects.toMatchObject({ code: 'validation', field: 'slug' });
    await expect(createIssue(write(), { slug: 'fine', title: '   ' })).rejects.toMatchObject({ code: 'validation', field: 'title' });
    await expect(createIssue(write(), { slug: 'fine', title: 't', sources: ['javascript:alert(1)'] })).rejects.toMatchObject({ field: 'sources', value: 'javascript:alert(1)' });
    await expect(createIssue(write(), { slug: 'fine', title: 't', offsets: '3 months' })).rejects.toMatchObject({ field: 'offsets' });
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('update records each changed field from → to, replaces lists, and writes nothing when nothing differs', async () => {
    await createIssue(write(), { slug: 'upd', title: 'Old title', parties: ['A', 'B'] });
    const later = new Date('2020-05-13T00:00:00.000Z');
    const { issue, changes } = await updateIssue(write(later), 'upd', { title: 'New title', parties: ['C'], summary: '' });
    expect(changes).toEqual({ title: { from: 'Old title', to: 'New title' }, parties: { from: ['A', 'B'], to: ['C'] } });
    expect(issueJson(issue)).toMatchObject({ title: 'New title', parties: ['C'], updatedAt: '2020-05-13T00:00:00.000Z' });
    const again = await updateIssue(write(later), 'upd', { title: 'New title' });
    expect(again.changes).toEqual({});
    const kinds = (await eventsOf('upd')).map((e) => [e.kind, e.data]);
    expect(kinds).toEqual([
      ['issue.created', { slug: 'upd', title: 'Old title' }],
      ['issue.updated', { changes: { title: { from: 'Old title', to: 'New title' }, parties: { from: ['A', 'B'], to: ['C'] } } }],
    ]);
    await expect(updateIssue(write(), 'upd', {})).rejects.toMatchObject({ code: 'usage' });
    await expect(updateIssue(write(), 'nope', { title: 'x' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no issue "nope"') });
  });

  it('new offsets, closing and reopening mark the issue\'s open deadlines for re-planning', async () => {
    await createIssue(write(), { slug: 'replan', title: 'Replan' });
    const deadline = await createDeadline(write(), { issue: 'replan', title: 'Answer', due: '2020-05-31', zone: 'Asia/Seoul' }, { defaultZone: 'UTC' });
    const plannedAt = async () => (await ctx.store.db.deadline.findUniqueOrThrow({ where: { id: deadline.id } })).plannedAt;
    const markPlanned = () => ctx.store.db.deadline.update({ where: { id: deadline.id }, data: { plannedAt: now } });

    await markPlanned();
    await updateIssue(write(), 'replan', { offsets: '2d' });
    expect(await plannedAt()).toBeNull();

    await markPlanned();
    const back = await updateIssue(write(), 'replan', { offsets: 'default' });
    expect(back.changes).toEqual({ offsets: { from: ['P2D'], to: null } });
    expect(await plannedAt()).toBeNull();

    await markPlanned();
    await updateIssue(write(), 'replan', { title: 'Replan (renamed)' });
    expect(await plannedAt()).toEqual(now); // a title does not change any reminder

    const closed = await closeIssue(write(), 'replan', 'settled');
    expect(closed.status).toBe('closed');
    expect(await plannedAt()).toBeNull();
    await expect(closeIssue(write(), 'replan')).rejects.toMatchObject({ code: 'conflict', message: 'issue "replan" is already closed' });

    await markPlanned();
    await reopenIssue(write(), 'replan');
    expect(await plannedAt()).toBeNull();
    const kinds = (await eventsOf('replan')).map((e) => e.kind);
    expect(kinds).toEqual(['issue.created', 'deadline.created', 'issue.updated', 'issue.updated', 'issue.updated', 'issue.closed', 'issue.reopened']);
  });

  it('a note is an issue.note event subscribers are told about; the issue itself is unchanged', async () => {
    await createIssue(write(), { slug: 'noted', title: 'Noted' });
    const event = await addIssueNote(write(), 'noted', "Japan's Chief Cabinet Secretary declined to comment on each point.");
    expect(eventJson(event)).toMatchObject({
      kind: 'issue.note',
      notify: true,
      data: { note: "Japan's Chief Cabinet Secretary declined to comment on each point." },
    });
    expect(event.fannedOutAt).toBeNull();
    await expect(addIssueNote(write(), 'noted', '  ')).rejects.toMatchObject({ code: 'validation', field: 'text' });
  });

  it('lists by status with open-deadline counts and the soonest one', async () => {
    await createIssue(write(), { slug: 'listed', title: 'Listed' });
    await createDeadline(write(), { issue: 'listed', title: 'Later', due: '2020-06-30' }, { defaultZone: 'UTC' });
    const sooner = await createDeadline(write(), { issue: 'listed', title: 'Sooner', due: '2020-05-20' }, { defaultZone: 'UTC' });
    await createIssue(write(), { slug: 'listed-closed', title: 'Closed one' });
    await closeIssue(write(), 'listed-closed');
    const open = await listIssues(ctx.store.db, { status: 'open' });
    const listed = open.find((s) => s.issue.slug === 'listed');
    expect(listed).toMatchObject({ openDeadlines: 2, subscriptions: 0 });
    expect(listed?.nextDue?.id).toBe(sooner.id);
    expect(open.map((s) => s.issue.slug)).not.toContain('listed-closed');
    expect((await listIssues(ctx.store.db, { status: 'closed' })).map((s) => s.issue.slug)).toEqual(['listed-closed']);
    await expect(listIssues(ctx.store.db, { status: 'shut' })).rejects.toMatchObject({ field: 'status', value: 'shut' });
  });
});
