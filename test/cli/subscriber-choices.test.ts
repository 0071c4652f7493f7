// `docket subscriber add|update --delivery weekly --weekday … --reminders …`: what is stored, what --json
// shows, and `--reminders all` bringing everything back.
import { beforeAll, expect, it } from 'vitest';
import type { SubscriberJson } from '../../src/usecases/json-views.js';
import { ensureBuilt, jsonOf, runCli } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const now = '2020-05-12T18:38:00+09:00';

beforeAll(() => ensureBuilt(), 180_000);

describeStores('docket subscriber: weekly digests and reminder choices', (ctx) => {
  it('adds a weekly subscriber on Fridays with two reminders, then turns all back on', async () => {
    const cli = (...args: string[]) => runCli(args, { databaseUrl: ctx.url, now });
    const added = await cli('subscriber', 'add', 'desk@example.org', '--zone', 'Asia/Seoul', '--delivery', 'weekly', '--weekday', 'Friday', '--reminders', 'due,1d', '--json');
    expect(added.code).toBe(0);
    expect(jsonOf<SubscriberJson>(added)).toMatchObject({ email: 'desk@example.org', delivery: 'weekly', weekday: 'fri', reminders: ['1d', 'due'] });
    expect(await ctx.store.db.subscriber.findUniqueOrThrow({ where: { email: 'desk@example.org' } })).toMatchObject({ weekday: 'fri', remindersJson: '["1d","due"]' });

    const listed = await cli('subscriber', 'list');
    expect(listed.stdout).toMatch(/desk@example\.org\s+Asia\/Seoul\s+weekly \(fri\)\s+1d,due/);

    const updated = await cli('subscriber', 'update', 'desk@example.org', '--reminders', 'all', '--weekday', 'mon');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toBe('Updated subscriber desk@example.org: weekday, reminders (now Asia/Seoul, weekly on mon)\n');
    expect(await ctx.store.db.subscriber.findUniqueOrThrow({ where: { email: 'desk@example.org' } })).toMatchObject({ weekday: 'mon', remindersJson: null });

    const none = await cli('subscriber', 'update', 'desk@example.org', '--reminders', 'none', '--json');
    expect(jsonOf<SubscriberJson & { changed: string[] }>(none)).toMatchObject({ reminders: [], changed: ['reminders'] });
  });
});
