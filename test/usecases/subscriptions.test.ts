import { beforeAll, expect, it } from 'vitest';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { subscriberJson } from '../../src/usecases/json-views.js';
import { addSubscriber, removeSubscriber, updateSubscriber } from '../../src/usecases/manage-subscribers.js';
import { subscribe, unsubscribe } from '../../src/usecases/manage-subscriptions.js';
import { listSubscribers } from '../../src/usecases/read-subscribers.js';
import { resolveDeadline } from '../../src/usecases/resolve-deadline.js';
import type { WriteContext } from '../../src/usecases/write-context.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const now = new Date('2020-05-12T09:38:00.000Z');

describeStores('subscriber and subscription use cases', (ctx) => {
  const write = (): WriteContext => ({ db: ctx.store.db, now, actor: 'test-admin' });
  const ids: Record<string, number> = {};
  const plannedAt = async (id: number) => (await ctx.store.db.deadline.findUniqueOrThrow({ where: { id } })).plannedAt;
  const markAllPlanned = () => ctx.store.db.deadline.updateMany({ data: { plannedAt: now } });
  // What a test needs from the ones before it, made when it is not there yet: so each test also runs
  // alone (`-t`), and after the others it changes nothing.
  const given = async (email: string, zone: string, follows: Array<{ issue: string; deadline?: number }> = []) => {
    if (!(await ctx.store.db.subscriber.findUnique({ where: { email } }))) await addSubscriber(write(), { email, zone }, { defaultZone: 'UTC' });
    for (const { issue, deadline } of follows) await subscribe(write(), { email, issue, ...(deadline !== undefined ? { deadline } : {}) });
  };

  beforeAll(async () => {
    await createIssue(write(), { slug: 'jk', title: 'Japan–South Korea export controls' });
    await createIssue(write(), { slug: 'other', title: 'Another issue' });
    const add = async (issue: string, title: string, due: string) =>
      (await createDeadline(write(), { issue, title, due, zone: 'Asia/Seoul' }, { defaultZone: 'UTC' })).id;
    ids.first = await add('jk', 'Position on export controls', '2020-05-31');
    ids.second = await add('jk', 'Second demand', '2020-06-30');
    ids.resolved = await add('jk', 'Old demand', '2020-05-20');
    ids.elsewhere = await add('other', 'Elsewhere', '2020-06-15');
    await resolveDeadline(write(), ids.resolved!, { status: 'met' });
  });

  it('adds a subscriber lower-cased, with zone and delivery, confirmed at once', async () => {
    const subscriber = await addSubscriber(write(), { email: ' Analyst@Example.ORG ', zone: 'europe/london', delivery: 'daily' }, { defaultZone: 'UTC' });
    expect(subscriberJson(subscriber)).toEqual({
      email: 'analyst@example.org',
      zone: 'Europe/London',
      delivery: 'daily',
      weekday: 'mon',
      reminders: ['7d', '1d', 'due', 'overdue'],
      confirmed: true,
      confirmedAt: '2020-05-12T09:38:00.000Z',
      createdAt: '2020-05-12T09:38:00.000Z',
      subscriptions: [],
    });
    const defaults = await addSubscriber(write(), { email: 'desk@example.org' }, { defaultZone: 'Asia/Seoul' });
    expect(defaults).toMatchObject({ zone: 'Asia/Seoul', delivery: 'immediate' });
  });

  it('refuses bad or duplicate subscribers without writing', async () => {
    await given('analyst@example.org', 'Europe/London');
    const before = await snapshotStore(ctx.store.db);
    await expect(addSubscriber(write(), { email: 'ANALYST@example.org' }, { defaultZone: 'UTC' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(addSubscriber(write(), { email: 'not-an-email' }, { defaultZone: 'UTC' })).rejects.toMatchObject({ code: 'validation', field: 'email', value: 'not-an-email' });
    await expect(addSubscriber(write(), { email: 'x@example.org', zone: 'Mars/Base' }, { defaultZone: 'UTC' })).rejects.toMatchObject({ field: 'zone' });
    await expect(addSubscriber(write(), { email: 'x@example.org', delivery: 'hourly' }, { defaultZone: 'UTC' })).rejects.toMatchObject({ field: 'delivery' });
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('subscribing to an issue re-plans its open deadlines; subscribing twice changes nothing', async () => {
    await given('analyst@example.org', 'Europe/London');
    await markAllPlanned();
    const first = await subscribe(write(), { email: 'Analyst@example.org', issue: 'jk' });
    expect(first).toMatchObject({ created: true, scope: 'issue', deadlineId: null });
    expect(await plannedAt(ids.first!)).toBeNull();
    expect(await plannedAt(ids.second!)).toBeNull();
    expect(await plannedAt(ids.resolved!)).toEqual(now); // resolved: no reminders to plan
    expect(await plannedAt(ids.elsewhere!)).toEqual(now);

    await markAllPlanned();
    const before = await snapshotStore(ctx.store.db);
    const again = await subscribe(write(), { email: 'analyst@example.org', issue: 'jk' });
    expect(again.created).toBe(false);
    expect(again.subscription.id).toBe(first.subscription.id);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('a deadline subscription is scoped to that deadline, which must belong to the issue', async () => {
    await given('desk@example.org', 'Asia/Seoul');
    await markAllPlanned();
    const result = await subscribe(write(), { email: 'desk@example.org', issue: 'jk', deadline: String(ids.second) });
    expect(result).toMatchObject({ created: true, scope: `deadline:${ids.second}`, deadlineId: ids.second });
    expect(await plannedAt(ids.second!)).toBeNull();
    expect(await plannedAt(ids.first!)).toEqual(now);
    const before = await snapshotStore(ctx.store.db);
    await expect(subscribe(write(), { email: 'desk@example.org', issue: 'jk', deadline: ids.elsewhere! })).rejects.toMatchObject({
      code: 'validation',
      field: 'deadline',
      message: `deadline ${ids.elsewhere} belongs to issue "other", not "jk"`,
    });
    await expect(subscribe(write(), { email: 'nobody@example.org', issue: 'jk' })).rejects.toMatchObject({ code: 'not_found', field: 'email' });
    await expect(subscribe(write(), { email: 'desk@example.org', issue: 'nope' })).rejects.toMatchObject({ code: 'not_found', field: 'issueSlug' });
    expect(await snapshotStore(ctx.store.db)).toBe(before);
    const listed = (await listSubscribers(ctx.store.db)).map(subscriberJson);
    expect(listed.find((s) => s.email === 'desk@example.org')?.subscriptions).toEqual([{ issue: 'jk', deadline: ids.second }]);
  });

  it('changing zone or delivery re-plans what the subscriber follows', async () => {
    await given('desk@example.org', 'Asia/Seoul', [{ issue: 'jk', deadline: ids.second! }]);
    await markAllPlanned();
    const { changes } = await updateSubscriber(write(), 'desk@example.org', { zone: 'America/New_York' });
    expect(changes).toEqual({ zone: { from: 'Asia/Seoul', to: 'America/New_York' } });
    expect(await plannedAt(ids.second!)).toBeNull();
    expect(await plannedAt(ids.first!)).toEqual(now);
    await expect(updateSubscriber(write(), 'desk@example.org', {})).rejects.toMatchObject({ code: 'usage' });
  });

  it('unsubscribing re-plans what it covered and is idempotent', async () => {
    await given('desk@example.org', 'Asia/Seoul', [{ issue: 'jk', deadline: ids.second! }]);
    await markAllPlanned();
    const removed = await unsubscribe(write(), { email: 'desk@example.org', issue: 'jk', deadline: ids.second! });
    expect(removed.removed).toBe(true);
    expect(await plannedAt(ids.second!)).toBeNull();
    expect((await unsubscribe(write(), { email: 'desk@example.org', issue: 'jk', deadline: ids.second! })).removed).toBe(false);
  });

  it('removing a subscriber deletes their subscriptions and alerts', async () => {
    await given('analyst@example.org', 'Europe/London', [{ issue: 'jk' }]);
    const subscriber = await ctx.store.db.subscriber.findUniqueOrThrow({ where: { email: 'analyst@example.org' } });
    await ctx.store.db.alert.create({
      data: {
        key: `r:${subscriber.id}:${ids.first}:0:due`,
        subscriberId: subscriber.id,
        deadlineId: ids.first!,
        kind: 'reminder',
        milestone: 'due',
        sendAt: now,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      },
    });
    await removeSubscriber(write(), 'ANALYST@example.org');
    expect(await ctx.store.db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    expect(await ctx.store.db.alert.count({ where: { subscriberId: subscriber.id } })).toBe(0);
    await expect(removeSubscriber(write(), 'analyst@example.org')).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no subscriber "analyst@example.org"') });
  });
});
