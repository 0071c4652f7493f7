import { beforeAll, expect, it } from 'vitest';
import { createDeadline, planDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { extendDeadline } from '../../src/usecases/extend-deadline.js';
import { deadlineJson, eventJson } from '../../src/usecases/json-views.js';
import { openBareReader } from '../../src/store/bare-reader.js';
import { readerOver } from '../../src/store/sql-reader.js';
import { listDeadlines, showDeadline } from '../../src/usecases/read-deadlines.js';
import { resolveDeadline } from '../../src/usecases/resolve-deadline.js';
import { updateDeadline } from '../../src/usecases/update-deadline.js';
import type { WriteContext } from '../../src/usecases/write-context.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

// The canonical case: announced in Seoul on 12 May 2020, 18:38, "by the end of this month".
const announced = new Date('2020-05-12T18:38:00+09:00');
const slug = 'japan-korea-export-controls';
const canonical = {
  issue: slug,
  title: "South Korea's request for Japan's position on withdrawing export controls",
  due: 'by the end of this month',
  zone: 'Asia/Seoul',
  demandedBy: 'South Korea',
  demandedOf: 'Japan',
  sources: ['https://en.yna.co.kr/view/AEN20200512003451320'],
};

describeStores('deadline use cases', (ctx) => {
  const write = (at = announced): WriteContext => ({ db: ctx.store.db, now: at, actor: 'test-admin' });
  const add = (input: Partial<typeof canonical> & { announced?: string; offsets?: string } = {}, at = announced) =>
    createDeadline(write(at), { ...canonical, ...input }, { defaultZone: 'UTC' });
  const history = async (id: number) => (await showDeadline(ctx.store.db, id)).history.map((event) => eventJson(event, 'Asia/Seoul'));
  const plannedAt = async (id: number) => (await ctx.store.db.deadline.findUniqueOrThrow({ where: { id } })).plannedAt;
  const markPlanned = (id: number) => ctx.store.db.deadline.update({ where: { id }, data: { plannedAt: announced } });

  beforeAll(async () => {
    await createIssue(write(), { slug, title: 'Japan–South Korea export controls' });
  });

  it('plans the canonical deadline without writing, saying back how it was read', async () => {
    const before = await snapshotStore(ctx.store.db);
    const draft = await planDeadline(ctx.store.db, canonical, { now: announced, defaultZone: 'UTC' });
    expect(draft.description).toBe('Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)');
    expect(draft.reading.reading).toContain('Sun 31 May 2020');
    expect(draft.reading.due).toEqual({ instant: new Date('2020-05-31T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' });
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('creates it with a deadline.created event (notify, not yet fanned out) and marks it for planning', async () => {
    const deadline = await add();
    expect(deadlineJson(deadline)).toMatchObject({
      issue: slug,
      status: 'pending',
      dueAt: '2020-05-31T23:59:59.999+09:00',
      zone: 'Asia/Seoul',
      precision: 'day',
      expression: 'by the end of this month',
      announcedAt: '2020-05-12T18:38:00.000+09:00',
      demandedBy: 'South Korea',
      demandedOf: 'Japan',
      sources: canonical.sources,
      offsets: null,
      resolutionNote: null,
      revision: 0,
    });
    expect(await plannedAt(deadline.id)).toBeNull();
    expect(await history(deadline.id)).toEqual([
      {
        id: expect.any(Number),
        at: '2020-05-12T18:38:00.000+09:00',
        kind: 'deadline.created',
        actor: 'test-admin',
        deadline: deadline.id,
        notify: true,
        data: {
          title: canonical.title,
          due: { dueAt: '2020-05-31T23:59:59.999+09:00', zone: 'Asia/Seoul', precision: 'day', expression: 'by the end of this month' },
          announcedAt: '2020-05-12T18:38:00.000+09:00',
          demandedBy: 'South Korea',
          demandedOf: 'Japan',
        },
      },
    ]);
    const event = await ctx.store.db.event.findFirstOrThrow({ where: { deadlineId: deadline.id } });
    expect(event.fannedOutAt).toBeNull();
  });

  it('reads --announced in the deadline zone and relative phrases from it', async () => {
    const deadline = await add({ due: 'within 30 days', announced: '2020-05-01' });
    // 1 May 00:00 in Seoul + 30 days = 31 May, end of day.
    expect(deadlineJson(deadline)).toMatchObject({ announcedAt: '2020-05-01T00:00:00.000+09:00', dueAt: '2020-05-31T23:59:59.999+09:00' });
  });

  it('extension: status extended, revision bumped, from → to in history, re-planned', async () => {
    const deadline = await add();
    await markPlanned(deadline.id);
    const later = new Date('2020-06-01T10:00:00+09:00');
    const extended = await extendDeadline(write(later), deadline.id, { due: 'within two weeks', note: 'Seoul gave Tokyo two more weeks' });
    expect(deadlineJson(extended)).toMatchObject({ status: 'extended', revision: 1, dueAt: '2020-06-15T23:59:59.999+09:00', expression: 'within two weeks' });
    expect(await plannedAt(deadline.id)).toBeNull();
    const last = (await history(deadline.id)).at(-1);
    expect(last).toMatchObject({
      kind: 'deadline.extended',
      at: '2020-06-01T10:00:00.000+09:00',
      notify: true,
      data: {
        from: { dueAt: '2020-05-31T23:59:59.999+09:00', zone: 'Asia/Seoul', precision: 'day', expression: 'by the end of this month' },
        to: { dueAt: '2020-06-15T23:59:59.999+09:00', zone: 'Asia/Seoul', precision: 'day', expression: 'within two weeks' },
        note: 'Seoul gave Tokyo two more weeks',
      },
    });
    // Extending again works from the extended state and bumps again; the same moment is refused.
    const again = await extendDeadline(write(later), deadline.id, { due: '2020-06-30' });
    expect(again.revision).toBe(2);
    await expect(extendDeadline(write(later), deadline.id, { due: '2020-06-30' })).rejects.toMatchObject({ code: 'validation', field: 'due' });
  });

  it('update --due moves the due moment as deadline.extended via update, keeping the status', async () => {
    const deadline = await add();
    await markPlanned(deadline.id);
    const { deadline: updated, dueChanged, changes } = await updateDeadline(write(), deadline.id, { due: '2020-05-29T17:00' });
    expect(dueChanged).toBe(true);
    expect(changes).toEqual({});
    expect(deadlineJson(updated)).toMatchObject({ status: 'pending', revision: 1, dueAt: '2020-05-29T17:00:00.000+09:00', precision: 'instant' });
    expect(await plannedAt(deadline.id)).toBeNull();
    expect((await history(deadline.id)).at(-1)).toMatchObject({
      kind: 'deadline.extended',
      data: { via: 'update', from: { dueAt: '2020-05-31T23:59:59.999+09:00' }, to: { dueAt: '2020-05-29T17:00:00.000+09:00', precision: 'instant' } },
    });
  });

  it('update --zone alone re-reads the wording in the new zone', async () => {
    const deadline = await add();
    const { deadline: updated } = await updateDeadline(write(), deadline.id, { zone: 'asia/tokyo' });
    // Same offset as Seoul, so the same instant, but the zone is part of the due moment.
    expect(deadlineJson(updated)).toMatchObject({ zone: 'Asia/Tokyo', dueAt: '2020-05-31T23:59:59.999+09:00', revision: 1 });
    const { deadline: inLondon } = await updateDeadline(write(), deadline.id, { zone: 'Europe/London' });
    expect(deadlineJson(inLondon)).toMatchObject({ zone: 'Europe/London', dueAt: '2020-05-31T23:59:59.999+01:00', revision: 2 });
  });

  it('other updates record deadline.updated with from → to; offsets re-plan, a title does not', async () => {
    const deadline = await add();
    await markPlanned(deadline.id);
    const { changes } = await updateDeadline(write(), deadline.id, { title: 'Position on export controls', demandedOf: 'Japan (METI)', sources: [] });
    expect(changes).toEqual({
      title: { from: canonical.title, to: 'Position on export controls' },
      demandedOf: { from: 'Japan', to: 'Japan (METI)' },
      sources: { from: canonical.sources, to: [] },
    });
    expect(await plannedAt(deadline.id)).toEqual(announced);
    const withOffsets = await updateDeadline(write(), deadline.id, { offsets: '3d' });
    expect(withOffsets.changes).toEqual({ offsets: { from: null, to: ['P3D'] } });
    expect(await plannedAt(deadline.id)).toBeNull();
    const kinds = (await history(deadline.id)).map((event) => [event.kind, event.notify]);
    expect(kinds).toEqual([
      ['deadline.created', true],
      ['deadline.updated', false],
      ['deadline.updated', false],
    ]);
    expect((await showDeadline(ctx.store.db, deadline.id)).deadline.revision).toBe(0);
  });

  it('resolve sets status and note once; a second resolve is a conflict naming the status', async () => {
    const deadline = await add();
    await markPlanned(deadline.id);
    const resolved = await resolveDeadline(write(), deadline.id, { status: 'Missed', note: 'No answer from Tokyo' });
    expect(deadlineJson(resolved)).toMatchObject({ status: 'missed', resolutionNote: 'No answer from Tokyo', revision: 0 });
    expect(await plannedAt(deadline.id)).toBeNull();
    expect((await history(deadline.id)).at(-1)).toMatchObject({ kind: 'deadline.resolved', notify: true, data: { status: 'missed', note: 'No answer from Tokyo' } });
    const before = await snapshotStore(ctx.store.db);
    await expect(resolveDeadline(write(), deadline.id, { status: 'met' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`deadline ${deadline.id} is already missed`) });
    await expect(extendDeadline(write(), deadline.id, { due: '2020-06-30' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(resolveDeadline(write(), deadline.id, { status: 'done' })).rejects.toMatchObject({ code: 'validation', field: 'status', value: 'done' });
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('bad input names the field and writes nothing', async () => {
    const before = await snapshotStore(ctx.store.db);
    await expect(add({ due: 'next blursday' })).rejects.toMatchObject({ code: 'validation', field: 'due', value: 'next blursday' });
    await expect(add({ zone: 'Mars/Base' })).rejects.toMatchObject({ code: 'validation', field: 'zone', value: 'Mars/Base' });
    await expect(add({ issue: 'nope' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no issue "nope"') });
    await expect(add({ due: '2020-05-01' })).rejects.toMatchObject({ field: 'due', message: expect.stringContaining('before the announcement') });
    await expect(add({ announced: '2020-06-01' })).rejects.toMatchObject({ field: 'announced' });
    await expect(add({ sources: ['ftp://example.org/x'] })).rejects.toMatchObject({ field: 'sources' });
    await expect(updateDeadline(write(), 99999, { title: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateDeadline(write(), 'abc', { title: 'x' })).rejects.toMatchObject({ code: 'validation', field: 'id' });
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('lists by issue, status and due window, soonest first', async () => {
    await createIssue(write(), { slug: 'windows', title: 'Windows' });
    const june = await add({ issue: 'windows', due: '2020-06-10', zone: 'UTC' });
    const may = await add({ issue: 'windows', due: '2020-05-20', zone: 'UTC' });
    const july = await add({ issue: 'windows', due: '2020-07-01', zone: 'UTC' });
    await resolveDeadline(write(), july.id, { status: 'withdrawn' });
    // Through Prisma (the service) and through the bare driver (the CLI): the same answers.
    const bare = (await openBareReader(ctx.url))!;
    try {
      for (const reader of [readerOver(ctx.store.db), bare]) {
        const list = (filter: Parameters<typeof listDeadlines>[1]) =>
          listDeadlines(reader, { issue: 'windows', ...filter }, { now: announced, defaultZone: 'UTC' }).then((rows) => rows.map((d) => d.id));
        expect(await list({})).toEqual([may.id, june.id]);
        expect(await list({ status: 'all' })).toEqual([may.id, june.id, july.id]);
        expect(await list({ status: 'resolved' })).toEqual([july.id]);
        expect(await list({ status: 'withdrawn' })).toEqual([july.id]);
        expect(await list({ dueBefore: '2020-06-01' })).toEqual([may.id]);
        expect(await list({ dueAfter: '2020-06-01', status: 'all' })).toEqual([june.id, july.id]);
        // The window's ends are exclusive, to the millisecond.
        expect(await list({ dueBefore: may.dueAt.toISOString(), status: 'all' })).toEqual([]);
        expect(await list({ dueAfter: may.dueAt.toISOString(), dueBefore: june.dueAt.toISOString() })).toEqual([]);
        await expect(list({ status: 'late' })).rejects.toMatchObject({ field: 'status', value: 'late' });
        await expect(list({ dueBefore: 'someday' })).rejects.toMatchObject({ field: 'dueBefore', value: 'someday' });
        await expect(list({ issue: 'windowz' })).rejects.toMatchObject({ field: 'issue', value: 'windowz', message: expect.stringContaining('did you mean "windows"') });
      }
    } finally {
      await bare.close();
    }
  });
});
