// Delivering one message to one channel: the body in the channel's format, signed for webhooks, POSTed,
// and the answer judged; the channel's health (failures in a row, disabled) is kept here too. Used by the
// engine for alerts and by `docket channel test`. Nothing here logs the URL: it is a credential.
import { createHash } from 'node:crypto';
import type { Channel } from '../store/models.js';
import type { Tx } from '../store/open-store.js';
import type { AlertView } from '../mail/alert-view.js';
import { chatContent, testContent, type ChatContent } from './chat-content.js';
import { judgeAnswer, type Verdict } from './judge-answer.js';
import { postJson, urlForLog, type PostResult } from './post-json.js';
import { liveSecrets, signatureHeader } from './signing.js';
import { slackMessage } from './slack-message.js';
import { teamsMessage } from './teams-message.js';
import type { WebhookMessage } from './webhook-payload.js';

/** With its follower row's zone and reminder choices (null = every reminder). */
export type ChannelRow = Channel & { subscriber: { zone: string; remindersJson: string | null } };

export interface SendOptions {
  now: Date;
  baseUrl: string;
  timeoutMs: number;
  /** Real wall-clock seconds for `webhook-timestamp` (receivers compare it with their own clock, even when DOCKET_NOW replays the past). */
  wallSeconds?: () => number;
}

/**
 * The body a channel gets: the webhook message itself, or it laid out for Slack or Teams. Both are
 * functions, made only for the kind that needs them (the chat wording formats dates in the channel's zone).
 */
export function channelBody(channel: Pick<Channel, 'kind'>, message: () => WebhookMessage | string, chat: () => ChatContent): string {
  if (channel.kind === 'slack') return JSON.stringify(slackMessage(chat()));
  if (channel.kind === 'teams') return JSON.stringify(teamsMessage(chat()));
  const made = message();
  return typeof made === 'string' ? made : JSON.stringify(made);
}

export async function postToChannel(channel: Channel, id: string, body: string, options: SendOptions): Promise<PostResult> {
  const headers: Record<string, string> = {};
  if (channel.kind === 'webhook') {
    const timestamp = options.wallSeconds?.() ?? Math.floor(Date.now() / 1000);
    headers['webhook-id'] = id;
    headers['webhook-timestamp'] = String(timestamp);
    headers['webhook-signature'] = signatureHeader(liveSecrets(channel, options.now), id, timestamp, body);
  }
  return postJson(channel.url, body, headers, options.timeoutMs);
}

export function chatFor(view: AlertView, channel: ChannelRow, options: SendOptions): ChatContent {
  return chatContent(view, options.now, channel.subscriber.zone, { baseUrl: options.baseUrl });
}

export function testChat(channel: Channel, options: SendOptions): ChatContent {
  return testContent(channel.name, { baseUrl: options.baseUrl });
}

/**
 * Records the answer against the channel (failures in a row; disabled on 410 or too many) and judges it.
 * `disabledNow` is true for the one call that disabled the channel (so its owner is told once).
 */
export async function recordAnswer(db: Tx, channel: Channel, answer: PostResult, attempt: number, options: { now: Date; random?: () => number }): Promise<{ verdict: Verdict; disabledNow: boolean }> {
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  let failuresInRow = 0;
  if (ok) {
    if (channel.failures > 0) await db.channel.update({ where: { id: channel.id }, data: { failures: 0, updatedAt: options.now } });
  } else {
    failuresInRow = (await db.channel.update({ where: { id: channel.id }, data: { failures: { increment: 1 }, updatedAt: options.now }, select: { failures: true } })).failures;
  }
  const verdict = judgeAnswer({ answer, attempt, failuresInRow, now: options.now, random: options.random });
  const disabledNow = verdict.outcome === 'failed' && verdict.disable !== undefined && (await disableChannel(db, channel, verdict.disable, options.now));
  return { verdict: verdict.outcome === 'sent' ? verdict : { ...verdict, detail: `${verdict.detail} from ${channelForLog(channel.url)}` }, disabledNow };
}

/**
 * Disabled: no new alerts are planned for it (its follower row is unconfirmed) and waiting ones fail.
 * Conditional on it being enabled, so of two failures racing only one disables (and tells the admin).
 */
export async function disableChannel(db: Tx, channel: Pick<Channel, 'id' | 'subscriberId'>, reason: string, now: Date): Promise<boolean> {
  const changed = await db.channel.updateMany({ where: { id: channel.id, disabledAt: null }, data: { disabledAt: now, disabledReason: reason, updatedAt: now } });
  if (changed.count === 0) return false;
  await db.subscriber.update({ where: { id: channel.subscriberId }, data: { confirmedAt: null, updatedAt: now } });
  return true;
}

/** Host and a short hash: enough to tell channels apart in a log, never the token in the path. */
export function channelForLog(url: string): string {
  return urlForLog(url, (text) => createHash('sha256').update(text).digest('hex').slice(0, 8));
}
