// `docket channel …` and `subscribe --channel` through the built CLI: bad input exits 2 naming the flag
// and the value with the store untouched; a webhook channel's secret is shown once, its test message is
// signed (checked with `standardwebhooks`), and after rotate-secret both secrets sign for 24 h.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIssue } from '../../src/usecases/create-issue.js';
import type { WriteContext } from '../../src/usecases/write-context.js';
import { startReceiver, type Receiver } from '../support/http-receiver.js';
import { ensureBuilt, jsonOf, runCli, snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const now = '2020-05-12T18:38:00+09:00';

beforeAll(() => ensureBuilt(), 180_000);

describeStores('docket channel', (ctx) => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    const write: WriteContext = { db: ctx.store.db, now: new Date(now), actor: 'seed' };
    await createIssue(write, { slug: 'jk', title: 'Japan–South Korea export controls' });
  });
  afterAll(() => receiver.close());
  const cli = (...args: string[]) => runCli(args, { databaseUrl: ctx.url, now });

  const add = (...extra: string[]) => ['channel', 'add', 'desk', '--kind', 'webhook', '--url', 'https://hooks.example.org/x', ...extra];
  const cases: Array<[string, string[], RegExp]> = [
    ['a bad kind', add('--kind', 'email'), /^docket: --kind "email" must be one of webhook, slack, teams/],
    ['a non-http url', add('--url', 'ftp://example.org/hook'), /^docket: --url "ftp:\/\/example.org\/hook" uses ftp: only http and https URLs are allowed/],
    ['an unreadable url', add('--url', 'not a url'), /^docket: --url "not a url" is not a URL/],
    ['a bad zone', add('--zone', 'Mars/Base'), /^docket: --zone "Mars\/Base" is not an IANA time zone/],
    ['a bad event', add('--events', 'deadline.reminder,deadline.exploded'), /^docket: --events "deadline.reminder,deadline.exploded" names "deadline.exploded", which is not one of/],
    ['a bad reminder', add('--reminders', '7d,2d'), /^docket: --reminders "7d,2d"/],
    ['a bad name', ['channel', 'add', 'Trade Desk', '--kind', 'slack', '--url', 'https://hooks.example.org/x'], /^docket: <name> "Trade Desk" is not a channel name/],
    ['an unknown channel to subscribe', ['subscribe', '--channel', 'nope', 'jk'], /^docket: no channel "nope"/],
    ['an unknown channel to show', ['channel', 'show', 'nope'], /^docket: no channel "nope"/],
  ];
  it.concurrent.for(cases)('%s: exit 2, the field named, the store untouched', async ([, args, message], { expect }) => {
    const before = await snapshotStore(ctx.store.db);
    const result = await cli(...args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('add shows the secret once; subscribe --channel; test is signed; rotate-secret signs with both; remove', async () => {
    const added = await cli('channel', 'add', 'desk', '--kind', 'webhook', '--url', receiver.url, '--zone', 'America/New_York', '--events', 'deadline.reminder,deadline.overdue', '--reminders', '1d,overdue');
    expect(added.code).toBe(0);
    const secret = /Signing secret \(shown once; keep it with the receiver\): (whsec_\S+)/.exec(added.stdout)?.[1];
    expect(Buffer.from(secret!.slice('whsec_'.length), 'base64')).toHaveLength(32);

    const listed = await cli('channel', 'list', '--json');
    expect(listed.stdout).not.toContain(secret!);
    expect(listed.stdout).not.toContain('secret-token'); // the URL's path is a credential
    expect(jsonOf(listed)).toMatchObject([{ name: 'desk', kind: 'webhook', zone: 'America/New_York', events: ['deadline.reminder', 'deadline.overdue'], reminders: ['1d', 'overdue'], enabled: true, url: expect.stringMatching(/^127\.0\.0\.1:\d+ #[0-9a-f]{8}$/) }]);
    // A channel is not a subscriber.
    expect(jsonOf(await cli('subscriber', 'list', '--json'))).toEqual([]);

    expect((await cli('subscribe', '--channel', 'desk', 'jk')).stdout).toContain('Subscribed');
    expect(jsonOf(await cli('channel', 'show', 'desk', '--json'))).toMatchObject({ follows: [{ issue: 'jk', deadline: null }] });

    const tested = await cli('channel', 'test', 'desk', '--json');
    expect(tested.code).toBe(0);
    expect(jsonOf(tested)).toMatchObject({ ok: true, status: 200 });
    const request = receiver.received.at(-1)!;
    expect(new Webhook(secret!).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ type: 'channel.test', data: { channel: 'desk' } });

    const rotated = await cli('channel', 'rotate-secret', 'desk', '--json');
    const fresh = jsonOf<{ secret: string }>(rotated).secret;
    expect(fresh).not.toBe(secret);
    expect((await cli('channel', 'test', 'desk')).code).toBe(0);
    const signed = receiver.received.at(-1)!;
    expect(String(signed.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const key of [secret!, fresh]) expect(new Webhook(key).verify(signed.body, signed.headers as Record<string, string>)).toMatchObject({ type: 'channel.test' });

    // A receiver that refuses: exit 1, the answer reported.
    receiver.answers.push({ status: 500 });
    const refused = await cli('channel', 'test', 'desk');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/did not take the test: HTTP 500 from 127\.0\.0\.1/);

    expect((await cli('unsubscribe', '--channel', 'desk', 'jk')).stdout).toContain('Unsubscribed');
    expect((await cli('channel', 'remove', 'desk')).code).toBe(0);
    expect(jsonOf(await cli('channel', 'list', '--json'))).toEqual([]);
    expect(await ctx.store.db.subscriber.count()).toBe(0);
  });
});
