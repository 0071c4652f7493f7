// Slack and Teams channels through the real engine, on both stores, to a loopback receiver: the bodies
// have the documented shapes — Slack: `text` plus Block Kit blocks (header, fields, a button); Teams
// Workflows: a message whose attachment is an Adaptive Card 1.4, parsed by Microsoft's `adaptivecards`
// package without a problem — and say when it is due in the channel's zone and the issuer's, the
// countdown, who demands what of whom, with a link to the issue page. Neither is signed.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { addChannel } from '../../src/channels/manage-channels.js';
import { subscribe } from '../../src/usecases/manage-subscriptions.js';
import { parseAdaptiveCard } from '../support/adaptive-card.js';
import { harness } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeIssue } from '../support/factories.js';
import { startReceiver, type Receiver } from '../support/http-receiver.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores, type StoreContext } from '../support/test-stores.js';

// The 7-day reminder for a channel in New York: 09:00 EDT on 24 May 2020 = 13:00Z.
const reminderAt = new Date('2020-05-24T13:00:00Z');

async function follow(ctx: StoreContext, receiver: Receiver, kind: 'slack' | 'teams') {
  const db = ctx.store.db;
  const issue = await makeIssue(db);
  await db.deadline.update({ where: { id: (await makeDeadline(db, issue.id, { notify: false })).id }, data: { demandedBy: 'South Korea', demandedOf: 'Japan' } });
  const write = { db, now: new Date('2020-05-13T00:00:00Z'), actor: 'test' };
  await addChannel(write, { name: `${kind}-${issue.id}`, kind, url: receiver.url, zone: 'America/New_York' }, { defaultZone: 'UTC' });
  await subscribe(write, { channel: `${kind}-${issue.id}`, issue: issue.slug });
  return issue;
}

describeStores('Slack and Teams channels', (ctx) => {
  let sink: SmtpSink;
  let receiver: Receiver;
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
  });

  it('Slack: text fallback and Block Kit with both zones, the countdown, who of whom and a button to the issue', async () => {
    const h = harness(ctx.store.db, sink);
    const issue = await follow(ctx, receiver, 'slack');
    await h.tick('2020-05-20T00:00:00Z');
    expect(await h.tick(new Date(reminderAt.getTime() - 1))).toMatchObject({ sent: 0 });
    expect(await h.tick(reminderAt)).toMatchObject({ sent: 1 });
    const [request] = receiver.received;
    expect(request!.headers['webhook-signature']).toBeUndefined();
    const body = JSON.parse(request!.body) as { text: string; blocks: Array<Record<string, any>> };
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toMatch(/^Due in 7 days/);
    expect(body.blocks.map((block) => block.type)).toEqual(['header', 'section', 'actions']);
    const [header, section, actions] = body.blocks;
    expect(header).toMatchObject({ type: 'header', text: { type: 'plain_text', text: expect.stringMatching(/^Due in 7 days/) } });
    expect(header!.text.text.length).toBeLessThanOrEqual(150);
    const fields = (section!.fields as Array<{ type: string; text: string }>).map((field) => { expect(field.type).toBe('mrkdwn'); return field.text; });
    expect(fields.length).toBeLessThanOrEqual(10);
    expect(fields).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\*Due \(channel time\)\*\nSun 31 May 2020, 10:59 EDT \(America\/New_York\)$/),
      expect.stringMatching(/^\*Due \(where it was set\)\*\nSun 31 May 2020, 23:59 UTC\+9 \(Asia\/Seoul\)$/),
      expect.stringMatching(/^\*Countdown\*\n7 days/),
      '*Who of whom*\nSouth Korea of Japan',
    ]));
    expect(actions).toMatchObject({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text' }, url: `http://docket.test/issues/${issue.slug}` }] });
  });

  it('Teams: a Workflows message carrying an Adaptive Card 1.4 that the adaptivecards package parses cleanly', async () => {
    const h = harness(ctx.store.db, sink);
    const issue = await follow(ctx, receiver, 'teams');
    await h.tick('2020-05-20T00:00:00Z');
    expect(await h.tick(reminderAt)).toMatchObject({ sent: 1 });
    const body = JSON.parse(receiver.received[0]!.body) as { type: string; attachments: Array<{ contentType: string; content: Record<string, any> }> };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment!.content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(parseAdaptiveCard(card)).toEqual({ version: '1.4', items: 2, actions: 1, problems: [] });
    const facts = card.body[1].facts as Array<{ title: string; value: string }>;
    expect(facts).toEqual(expect.arrayContaining([
      { title: 'Due (channel time)', value: 'Sun 31 May 2020, 10:59 EDT (America/New_York)' },
      { title: 'Due (where it was set)', value: 'Sun 31 May 2020, 23:59 UTC+9 (Asia/Seoul)' },
      { title: 'Who of whom', value: 'South Korea of Japan' },
    ]));
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the issue', url: `http://docket.test/issues/${issue.slug}` }]);
    // A card with an unknown element is reported by the same parser: the check is not vacuous.
    expect(parseAdaptiveCard({ ...card, body: [...card.body, { type: 'Bogus' }] }).problems).not.toEqual([]);
  });
});
