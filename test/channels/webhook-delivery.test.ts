// Webhook channels through the real engine, on both stores, to a real HTTP receiver on loopback: signed
// per Standard Webhooks (checked with the spec's own `standardwebhooks` package), retried on the spec's
// schedule with the same webhook-id, Retry-After honoured, 410 disabling the channel, a stalled receiver
// timed out and retried.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { addChannel, enableChannel } from '../../src/channels/manage-channels.js';
import { claimDueAlerts } from '../../src/engine/claim-alerts.js';
import { addIssueNote } from '../../src/usecases/add-issue-note.js';
import { checkChannels } from '../../src/channels/check-channels.js';
import { fixedClock } from '../../src/clock.js';
import { createMetrics } from '../../src/web/metrics.js';
import { subscribe } from '../../src/usecases/manage-subscriptions.js';
import { harness, testSecret, type Harness } from '../support/engine-harness.js';
import { runTick } from '../../src/engine/run-tick.js';
import { clearStore, extendDeadline, makeDeadline, makeIssue, resolveDeadline } from '../support/factories.js';
import { schemaProblems } from '../support/webhook-schemas.js';
import { startReceiver, type Receiver } from '../support/http-receiver.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores, type StoreContext } from '../support/test-stores.js';

// Canonical deadline (end of May 2020 in Seoul): "7 days before" is 09:00 KST on 24 May = 00:00Z.
const due = new Date('2020-05-24T00:00:00Z');
const after = (ms: number) => new Date(due.getTime() + ms);

async function channelFollowing(ctx: StoreContext, receiver: Receiver, options: { kind?: string; events?: string; reminders?: string } = {}) {
  const db = ctx.store.db;
  const issue = await makeIssue(db);
  const deadline = await makeDeadline(db, issue.id, { notify: false });
  const write = { db, now: new Date('2020-05-13T00:00:00Z'), actor: 'test' };
  const name = `desk-${issue.id}`;
  const channel = await addChannel(write, { name, kind: options.kind ?? 'webhook', url: receiver.url, zone: 'Asia/Seoul', events: options.events, reminders: options.reminders }, { defaultZone: 'UTC' });
  await subscribe(write, { channel: name, issue: issue.slug });
  const alerts = () => db.alert.findMany({ where: { subscriberId: channel.subscriberId, milestone: 'before:P7D' }, select: { key: true, status: true, attempts: true, nextAttemptAt: true, lastError: true } });
  return { issue, deadline, channel, alerts, name };
}

describeStores('webhook channels', (ctx) => {
  let sink: SmtpSink;
  let receiver: Receiver;
  let h: Harness;
  beforeAll(async () => {
    sink = await startSmtpSink();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await sink.close();
  });
  beforeEach(async () => {
    await clearStore(ctx.store.db);
    receiver.received.length = 0;
    receiver.answers.length = 0;
    receiver.fallback = { status: 200 };
    h = harness(ctx.store.db, sink, { DOCKET_CHANNEL_TIMEOUT_MS: '300' });
  });

  it('signs per Standard Webhooks; a 500 is retried 5 s later with the same webhook-id; a tampered body is refused', async () => {
    const { channel, deadline, alerts } = await channelFollowing(ctx, receiver);
    expect(await h.tick('2020-05-20T00:00:00Z')).toMatchObject({ sent: 0 });
    receiver.answers.push({ status: 500 });
    const before = Math.floor(Date.now() / 1000);
    expect(await h.tick(due)).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const [waiting] = await alerts();
    expect(waiting).toMatchObject({ status: 'scheduled', attempts: 1, nextAttemptAt: after(5_000) });
    expect(waiting!.lastError).toMatch(/^HTTP 500 from 127\.0\.0\.1:\d+ #[0-9a-f]{8}$/);
    expect(waiting!.lastError).not.toContain('secret-token');
    expect(await h.tick(after(4_999))).toMatchObject({ claimed: 0 });
    expect(await h.tick(after(5_000))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await h.tick(after(3_600_000))).toMatchObject({ claimed: 0 });
    expect(await alerts()).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(first!.headers['webhook-id']).toBe(waiting!.key);
    expect(second!.headers['webhook-id']).toBe(waiting!.key);
    // Real wall-clock seconds, not the replayed 2020 instant.
    expect(Number(second!.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(before);
    const webhook = new Webhook(channel.secret!);
    for (const request of [first!, second!]) {
      const payload = webhook.verify(request.body, request.headers as Record<string, string>) as { type: string; timestamp: string; data: { milestone: string; deadline: { id: number; zone: string }; issue: { slug: string } } };
      expect(payload).toMatchObject({ type: 'deadline.reminder', timestamp: due.toISOString(), data: { milestone: 'before:P7D', deadline: { id: deadline.id, zone: 'Asia/Seoul' } } });
    }
    expect(() => webhook.verify(second!.body.replace('before:P7D', 'before:P1D'), second!.headers as Record<string, string>)).toThrow();
    expect(Buffer.byteLength(second!.body)).toBeLessThanOrEqual(20_000);
    // No email went anywhere for the channel.
    expect(sink.messages.filter((message) => message.to.some((to) => to.startsWith('channel:')))).toEqual([]);
  });

  it('429 with Retry-After: the next attempt waits as long as the receiver asked', async () => {
    const { alerts } = await channelFollowing(ctx, receiver);
    await h.tick('2020-05-20T00:00:00Z');
    receiver.answers.push({ status: 429, headers: { 'retry-after': '120' } });
    expect(await h.tick(due)).toMatchObject({ retried: 1 });
    expect(await alerts()).toMatchObject([{ status: 'scheduled', nextAttemptAt: after(120_000), lastError: expect.stringContaining('Retry-After 120') }]);
    expect(await h.tick(after(119_999))).toMatchObject({ claimed: 0 });
    expect(await h.tick(after(120_000))).toMatchObject({ sent: 1 });
  });

  it('410 Gone disables the channel at once; nothing more is planned or sent until it is enabled', async () => {
    const { channel, alerts, name } = await channelFollowing(ctx, receiver);
    const db = ctx.store.db;
    await h.tick('2020-05-20T00:00:00Z');
    receiver.fallback = { status: 410 };
    expect(await h.tick(due)).toMatchObject({ failed: 1, retried: 0 });
    const disabled = await db.channel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(disabled.disabledAt).toEqual(due);
    expect(disabled.disabledReason).toContain('410');
    expect(await alerts()).toMatchObject([{ status: 'failed' }]);
    // The 1-day and due-day reminders are not made for a disabled channel.
    receiver.fallback = { status: 200 };
    await h.tick('2020-05-31T00:00:00Z');
    expect(receiver.received).toHaveLength(1);
    expect(await db.alert.count({ where: { subscriberId: channel.subscriberId } })).toBe(1);

    await enableChannel({ db, now: new Date('2020-05-31T01:00:00Z'), actor: 'test' }, name);
    expect(await db.channel.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({ disabledAt: null, failures: 0 });
    // Enabled again, it is a follower again: the overdue notice after the deadline reaches it.
    await h.tick('2020-06-01T00:00:00Z');
    expect(receiver.received.length).toBeGreaterThan(1);
    const overdue = JSON.parse(receiver.received.at(-1)!.body) as { type: string };
    expect(overdue).toMatchObject({ type: 'deadline.overdue', data: { milestone: 'overdue:1' } });
    expect(schemaProblems(overdue)).toBeNull();
  });

  it('a stalled receiver is given up on after the timeout and the alert retried, not left sending', async () => {
    const { alerts } = await channelFollowing(ctx, receiver);
    await h.tick('2020-05-20T00:00:00Z');
    receiver.answers.push('stall');
    const started = Date.now();
    expect(await h.tick(due)).toMatchObject({ retried: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await alerts()).toMatchObject([{ status: 'scheduled', attempts: 1, lastError: expect.stringContaining('no answer within 300 ms') }]);
    expect(await h.tick(after(5_000))).toMatchObject({ sent: 1 });
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([receiver.received[0]!.headers['webhook-id'], receiver.received[0]!.headers['webhook-id']]);
  });

  it('3xx is a failure: the redirect is not followed', async () => {
    const { alerts } = await channelFollowing(ctx, receiver);
    await h.tick('2020-05-20T00:00:00Z');
    receiver.answers.push({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    expect(await h.tick(due)).toMatchObject({ retried: 1 });
    expect(await alerts()).toMatchObject([{ status: 'scheduled', lastError: expect.stringContaining('HTTP 302 (redirects are not followed)') }]);
    expect(receiver.received).toHaveLength(1);
  });

  it('--events narrows what a channel gets: reminders left out are skipped, never posted', async () => {
    const { alerts } = await channelFollowing(ctx, receiver, { events: 'deadline.overdue,deadline.resolved' });
    await h.tick('2020-05-20T00:00:00Z');
    expect(await h.tick(due)).toMatchObject({ skipped: 1, sent: 0 });
    expect(await alerts()).toMatchObject([{ status: 'skipped', lastError: expect.stringContaining('not among') }]);
    expect(receiver.received).toHaveLength(0);
  });

  it('--reminders: a 7-day reminder turned off is never posted; the 1-day one is', async () => {
    const { channel } = await channelFollowing(ctx, receiver, { reminders: '1d,due' });
    await h.tick('2020-05-20T00:00:00Z');
    await h.tick(due);
    await h.tick(after(6 * 86_400_000)); // 09:00 in Seoul on 30 May: the 1-day reminder
    const posted = receiver.received.map((request) => JSON.parse(request.body) as { type: string; data: { milestone?: string } });
    expect(posted.filter((message) => message.type === 'deadline.reminder').map((message) => message.data.milestone)).toEqual(['before:P1D']);
    const sevenDay = await ctx.store.db.alert.findMany({ where: { subscriberId: channel.subscriberId, milestone: 'before:P7D' }, select: { status: true } });
    expect(sevenDay.map((alert) => alert.status)).not.toContain('sent');
  });

  it('every notice type reaches the channel, each valid against its published JSON Schema', async () => {
    const { issue, deadline, channel } = await channelFollowing(ctx, receiver);
    const db = ctx.store.db;
    await h.tick('2020-05-14T00:00:00Z');
    await makeDeadline(db, issue.id, { title: 'A second demand', at: new Date('2020-05-15T00:00:00Z') });
    await addIssueNote({ db, now: new Date('2020-05-16T00:00:00Z'), actor: 'test' }, issue.slug, 'Japan declined to comment on each point.');
    await extendDeadline(db, deadline.id, { dueAt: new Date('2020-06-30T14:59:59.999Z'), at: new Date('2020-05-17T00:00:00Z'), note: 'Extended by a month' });
    await h.tick('2020-05-18T00:00:00Z');
    await h.tick(due); // the second deadline's 7-day reminder
    await resolveDeadline(db, deadline.id, { status: 'met', at: new Date('2020-06-20T00:00:00Z'), note: 'Answered' });
    await h.tick('2020-06-21T00:00:00Z');
    const messages = receiver.received.map((request) => new Webhook(channel.secret!).verify(request.body, request.headers as Record<string, string>) as { type: string });
    const types = messages.map((message) => message.type);
    for (const type of ['deadline.created', 'issue.note', 'deadline.extended', 'deadline.reminder', 'deadline.resolved']) expect(types).toContain(type);
    for (const message of messages) expect(schemaProblems(message), JSON.stringify(message)).toBeNull();
    expect(messages.find((message) => message.type === 'issue.note')).toMatchObject({ data: { note: 'Japan declined to comment on each point.', issue: { slug: issue.slug, url: `http://docket.test/issues/${issue.slug}` } } });
    expect(messages.find((message) => message.type === 'deadline.extended')).toMatchObject({ data: { to: { zone: 'Asia/Seoul' }, deadline: { id: deadline.id, status: 'extended' } } });
    // The webhook-ids are the alerts' keys: distinct per message.
    expect(new Set(receiver.received.map((request) => request.headers['webhook-id'])).size).toBe(receiver.received.length);
  });

  it('a disabled channel: DOCKET_ADMIN_EMAIL is told once, doctor warns, /metrics counts it', async () => {
    h = harness(ctx.store.db, sink, { DOCKET_CHANNEL_TIMEOUT_MS: '300', DOCKET_ADMIN_EMAIL: 'ops@example.org' });
    const { name } = await channelFollowing(ctx, receiver);
    const db = ctx.store.db;
    expect(await checkChannels(db)).toMatchObject({ name: 'channels', status: 'ok', detail: '1 enabled' });
    await makeDeadline(db, (await db.trackedIssue.findFirstOrThrow()).id, { title: 'A second demand', notify: false });
    await h.tick('2020-05-20T00:00:00Z');
    const mails = sink.messages.length;
    receiver.fallback = { status: 410 };
    // Two deadlines' reminders fall due together: the channel is disabled once, the admin told once.
    // Rows are made as milestones come: the first deadline's reminder fails and disables the channel,
    // after which the second deadline's reminder is no longer made for it.
    expect(await h.tick(due)).toMatchObject({ failed: 1 });
    expect(await db.alert.count({ where: { subscriber: { kind: 'channel' } } })).toBe(1);
    await h.tick(after(86_400_000));
    const toAdmin = sink.messages.slice(mails).filter((message) => message.to.includes('ops@example.org'));
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.parsed?.subject).toBe(`Docket: channel ${name} disabled`);
    expect(toAdmin[0]!.parsed?.text).toContain('410 Gone');
    expect(toAdmin[0]!.parsed?.text).not.toContain('secret-token');
    expect(await checkChannels(db)).toMatchObject({ status: 'warn', detail: expect.stringContaining(`1 of 1 disabled: ${name} (webhook, since 2020-05-24T00:00:00.000Z: the receiver answered 410 Gone)`), fix: expect.stringContaining('docket channel enable') });
    const metrics = await createMetrics(ctx.store, fixedClock(due)).registry.metrics();
    expect(metrics).toMatch(/^docket_channels\{kind="webhook",state="disabled"\} 1$/m);
  });

  it('a sender that died holding the claim: nothing is posted until its lease runs out, then once, with the alert key as webhook-id', async () => {
    const { alerts } = await channelFollowing(ctx, receiver);
    const db = ctx.store.db;
    // The 7-day reminder's row is made at its moment; a tick that cannot send (maxBatches 0) only plans.
    await h.tick('2020-05-20T00:00:00Z');
    await runTick({ now: due, db, mailer: h.mailer, settings: h.settings, secret: testSecret, maxBatches: 0 });
    // Another instance claims it and dies before posting (nothing delivers it, nothing marks it).
    const [claimed] = await claimDueAlerts(db, due, { batchSize: 10, leaseMs: h.settings.leaseMs });
    expect(claimed).toBeDefined();
    expect(await h.tick(after(h.settings.leaseMs - 1))).toMatchObject({ claimed: 0 });
    expect(receiver.received).toHaveLength(0);
    expect(await h.tick(after(h.settings.leaseMs + 1))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await h.tick(after(2 * h.settings.leaseMs))).toMatchObject({ claimed: 0 });
    expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([claimed!.key]);
    expect(await alerts()).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });
});
