// Sends what was claimed, outside any transaction, and records each outcome against the claim token:
// sent only after the SMTP server accepted; transient failures back off and retry; 5xx fail for good.
// A sender that dies mid-batch leaves its claims to expire, and the next tick sends them again (with the
// same Message-ID, so the rare duplicate is recognisable).
import { renderDigest } from '../mail/render-alert.js';
import { createAlertRenderer, type AlertRenderer } from '../mail/shared-render.js';
import { failureText, isPermanentFailure, type Mailer } from '../mail/transport.js';
import type { Db } from '../store/open-store.js';
import { alertViewFrom, loadDigestView, loadViewData, type ViewData } from './alert-views.js';
import { confirmTtlMs, loadConfirmEmail } from './confirm-alerts.js';
import type { ClaimedAlert } from './claim-alerts.js';
import type { EngineSettings } from './engine-config.js';
import { createSentMarker, type SentMarker } from './mark-sent.js';
import { loadWelcomeEmail } from './welcome-alerts.js';
import { retryDelayMs } from './retry-backoff.js';
import { channelBody, channelForLog, chatFor, postToChannel, recordAnswer, type ChannelRow } from '../channels/send-to-channel.js';
import { channelDisabledEmail } from '../channels/disabled-email.js';
import { webhookMessage, webhookType, type PayloadRecords } from '../channels/webhook-payload.js';

/** deferred: not attempted, because the SMTP server was found unreachable earlier in the tick. */
export type Outcome = 'sent' | 'failed' | 'retry' | 'skipped' | 'deferred';

export interface DeliveryReport {
  outcome: Outcome;
  alert: ClaimedAlert;
  detail?: string;
  /** A retry's own delay (a channel's schedule or Retry-After) instead of the SMTP backoff. */
  retryInMs?: number;
}

export interface DeliverOptions {
  db: Db;
  mailer: Mailer;
  now: Date;
  settings: EngineSettings;
  secret: string;
  random?: () => number;
  /** The moment retry delays count from (default `now`): in a long tick, later than its start. */
  at?: () => Date;
}

/**
 * What a batch's alerts share: their records, read at once, the sent-marker; and what the whole tick
 * shares (like the email rendering): a renderer, the breaker, channel payload rows and webhook bodies.
 */
interface Batch {
  data: ViewData;
  render: AlertRenderer;
  marker: SentMarker;
  breaker: Breaker;
  /** Issue and deadline rows for channel payloads, by "slug/deadline id"; read once per tick. */
  channelRecords: Map<string, Promise<PayloadRecords>>;
  /** Webhook bodies, by what they are about (the same for every channel). */
  channelBodies: Map<string, string>;
}

/**
 * Once a send fails without any SMTP reply (refused, reset, timed out), the server is taken to be
 * unreachable for the rest of the tick: the alerts not yet attempted go back unattempted instead of each
 * being rendered and refused in turn, which during an outage cost a CPU core in a busy drain.
 */
interface Breaker {
  unreachable: string | null;
}

function isConnectionFailure(error: unknown): boolean {
  return typeof (error as { responseCode?: unknown })?.responseCode !== 'number';
}

async function deliverAlert(alert: ClaimedAlert, options: DeliverOptions, batch: Batch): Promise<DeliveryReport> {
  const { db, mailer, now, settings } = options;
  // Channels do not wait on the SMTP server.
  const channel = alert.kind === 'reminder' || alert.kind === 'event' ? batch.data.channels.get(alert.subscriberId) : undefined;
  if (channel) return deliverChannelAlert(alert, channel, options, batch);
  if (batch.breaker.unreachable !== null) return finish(options, alert, { outcome: 'deferred', alert, detail: `not attempted: ${batch.breaker.unreachable}` });
  const ctx = renderContext(options);
  let email;
  let to: string;
  if (alert.kind === 'confirm') {
    const loaded = await loadConfirmEmail(db, alert, { ...ctx, confirmTtlMs });
    if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
    email = loaded.email;
    to = loaded.to;
  } else if (alert.kind === 'welcome') {
    const loaded = await loadWelcomeEmail(db, alert, { ...ctx, policy: settings.policy });
    if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
    email = loaded.email;
    to = loaded.to;
  } else if (alert.kind === 'digest') {
    const previous = await db.alert.findFirst({
      where: { kind: 'digest', subscriberId: alert.subscriberId, sendAt: { lt: alert.sendAt } },
      orderBy: { sendAt: 'desc' },
      select: { sendAt: true },
    });
    const loaded = await loadDigestView(db, alert, now, previous?.sendAt ?? null);
    if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
    for (const item of loaded.skipped) {
      await db.alert.update({ where: { id: item.id }, data: { status: 'skipped', lastError: item.reason, updatedAt: now } });
    }
    email = renderDigest(loaded.view, ctx);
    to = loaded.view.subscriber.email;
  } else {
    const loaded = alertViewFrom(batch.data, alert, now);
    if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
    email = batch.render(loaded.view);
    to = loaded.view.subscriber.email;
  }
  try {
    const result = await mailer.send({ from: settings.from, to, email });
    batch.marker.mark({ id: alert.id, claimToken: alert.claimToken, messageId: email.messageId });
    return { outcome: 'sent', alert, detail: result.response };
  } catch (error) {
    const detail = failureText(error);
    if (isConnectionFailure(error)) batch.breaker.unreachable ??= `the SMTP server was unreachable (${detail})`;
    if (isPermanentFailure(error) || alert.attempts >= settings.maxAttempts) return finish(options, alert, { outcome: 'failed', alert, detail });
    return finish(options, alert, { outcome: 'retry', alert, detail });
  }
}

/**
 * A channel follower's alert: POSTed instead of emailed, marked sent only on a 2xx (through the same
 * SentMarker, with the webhook-id as its message id), retried on the channel schedule otherwise.
 */
async function deliverChannelAlert(alert: ClaimedAlert, channel: ChannelRow, options: DeliverOptions, batch: Batch): Promise<DeliveryReport> {
  const { db, now, settings } = options;
  if (channel.disabledAt !== null) return finish(options, alert, { outcome: 'failed', alert, detail: `channel ${channel.name} is disabled (${channel.disabledReason ?? 'no reason recorded'})` });
  // Its follower row is confirmed while the channel is enabled; judged as any follower's would be.
  const loaded = alertViewFrom({ ...batch.data, subscribers: new Map([[alert.subscriberId, { id: alert.subscriberId, email: '', zone: channel.subscriber.zone, confirmedAt: now, linkKey: '', remindersJson: channel.subscriber.remindersJson }]]) }, alert, now);
  if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
  const type = webhookType(loaded.view);
  const events = channel.eventsJson === null ? null : (JSON.parse(channel.eventsJson) as string[]);
  if (events !== null && !events.includes(type)) return finish(options, alert, { outcome: 'skipped', alert, detail: `${type} is not among channel ${channel.name}'s events` });
  // The public API's shapes are made from the full rows, read once per tick (many channels, one event).
  const deadlineId = loaded.view.content.deadline?.id;
  const recordKey = `${loaded.view.issue.slug}/${deadlineId ?? ''}`;
  let records = batch.channelRecords.get(recordKey);
  if (!records) {
    records = Promise.all([
      db.trackedIssue.findUniqueOrThrow({ where: { slug: loaded.view.issue.slug } }),
      deadlineId === undefined ? null : db.deadline.findUnique({ where: { id: deadlineId }, include: { issue: true } }),
    ]).then(([issue, deadline]) => ({ issue, deadline }));
    batch.channelRecords.set(recordKey, records);
    // A failed read is not kept for the rest of the tick: the next batch reads again.
    records.catch(() => batch.channelRecords.delete(recordKey));
  }
  const { issue, deadline } = await records;
  const send = { now, baseUrl: settings.baseUrl, timeoutMs: settings.channelTimeoutMs };
  // Every channel following one event or milestone gets the same webhook body: made once per tick.
  const at = alert.lateSince ?? alert.sendAt;
  const bodyKey = `${recordKey}/${alert.kind}/${alert.milestone}/${alert.eventId ?? ''}/${at.getTime()}/${alert.lateSince === null ? '' : 'late'}`;
  const message = () => {
    let made = batch.channelBodies.get(bodyKey);
    if (made === undefined) {
      made = JSON.stringify(webhookMessage(loaded.view, { issue, deadline }, at, { baseUrl: settings.baseUrl }));
      batch.channelBodies.set(bodyKey, made);
    }
    return made;
  };
  const body = channelBody(channel, message, () => chatFor(loaded.view, channel, send));
  const answer = await postToChannel(channel, alert.key, body, send);
  const { verdict, disabledNow } = await recordAnswer(db, channel, answer, alert.attempts, { now, random: options.random });
  if (disabledNow && verdict.outcome === 'failed' && settings.adminEmail !== null) {
    // Told once, at the moment it is disabled; a failed send is not retried (doctor and /metrics still say so).
    const email = channelDisabledEmail(channel, channelForLog(channel.url), verdict.disable ?? verdict.detail, now, settings.host);
    await options.mailer.send({ from: settings.from, to: settings.adminEmail, email }).catch(() => undefined);
  }
  if (verdict.outcome === 'sent') {
    batch.marker.mark({ id: alert.id, claimToken: alert.claimToken, messageId: alert.key });
    return { outcome: 'sent', alert, detail: `HTTP ${answer.status}` };
  }
  if (verdict.outcome === 'retry') return finish(options, alert, { outcome: 'retry', alert, detail: verdict.detail, retryInMs: verdict.inMs });
  return finish(options, alert, { outcome: 'failed', alert, detail: verdict.detail });
}

function renderContext(options: DeliverOptions) {
  const { settings } = options;
  return { links: { baseUrl: settings.baseUrl }, secret: options.secret, now: options.now, from: settings.from, templatesDir: settings.templatesDir, host: settings.host };
}

/** Records an outcome other than sent (those go through the batch's SentMarker). */
async function finish(options: DeliverOptions, alert: ClaimedAlert, report: DeliveryReport & { outcome: Exclude<Outcome, 'sent'> }): Promise<DeliveryReport> {
  const { db, now } = options;
  const at = options.at?.() ?? now;
  const where = { id: alert.id, claimToken: alert.claimToken, status: 'sending' };
  const base = { leaseUntil: null, claimToken: null, updatedAt: now };
  switch (report.outcome) {
    case 'skipped':
      await db.alert.updateMany({ where, data: { ...base, status: 'skipped', lastError: report.detail ?? null } });
      break;
    case 'failed':
      await db.alert.updateMany({ where, data: { ...base, status: 'failed', lastError: report.detail ?? null } });
      break;
    case 'retry':
      await db.alert.updateMany({ where, data: { ...base, status: 'scheduled', lastError: report.detail ?? null, nextAttemptAt: new Date(at.getTime() + (report.retryInMs ?? retryDelayMs(alert.attempts, options.settings.retryBaseMs, options.random))) } });
      break;
    case 'deferred':
      // Back as if never claimed (the claim counted an attempt), tried again after the first retry delay.
      await db.alert.updateMany({ where, data: { ...base, status: 'scheduled', attempts: { decrement: 1 }, lastError: report.detail ?? null, nextAttemptAt: new Date(at.getTime() + options.settings.retryBaseMs) } });
      break;
  }
  return report;
}

/**
 * Messages handed to the SMTP pool per connection. With one, a connection idles while its sender renders
 * the next message and waits for the reply; a few queued per connection keep every one of them busy.
 */
const inFlightPerConnection = 10;

export interface BatchRun {
  /** Every alert of the batch has been picked up by a sender: time to claim the next batch. */
  handedOut: Promise<void>;
  /** Every alert is sent (or not) and its outcome written. */
  reports: Promise<DeliveryReport[]>;
}

export interface Sender {
  send(alerts: ClaimedAlert[]): BatchRun;
  /** Why the rest of the tick should not send (the SMTP server was unreachable), or null. */
  unreachable(): string | null;
}

/**
 * Sends claimed batches with at most `settings.concurrency` × inFlightPerConnection messages in flight
 * per batch. One sender serves a whole tick, so followers of one deadline share one rendering even
 * across batches (the render context, `now` included, is the tick's).
 */
export function createSender(options: DeliverOptions): Sender {
  const render = createAlertRenderer(renderContext(options));
  const breaker: Breaker = { unreachable: null };
  // A fan-out to 10,000 channels spans a hundred batches: the same two rows and body for all of them.
  const channelRecords = new Map<string, Promise<PayloadRecords>>();
  const channelBodies = new Map<string, string>();
  return {
    unreachable: () => breaker.unreachable,
    send(alerts) {
      let handOut!: () => void;
      const handedOut = new Promise<void>((resolve) => (handOut = resolve));
      const reports = (async () => {
        const batch: Batch = {
          data: await loadViewData(options.db, alerts.filter((alert) => alert.kind === 'reminder' || alert.kind === 'event')),
          render,
          marker: createSentMarker(options.db, options.now),
          breaker,
          channelRecords,
          channelBodies,
        };
        const done: DeliveryReport[] = [];
        let next = 0;
        const worker = async () => {
          while (next < alerts.length) {
            const alert = alerts[next++]!;
            if (next === alerts.length) handOut();
            try {
              done.push(await deliverAlert(alert, options, batch));
            } catch (error) {
              // A bug or a store hiccup on one alert must not stop the batch; its lease expires and it is retried.
              done.push({ outcome: 'retry', alert, detail: `internal: ${(error as Error).message}` });
            }
          }
        };
        await Promise.all(Array.from({ length: Math.max(1, Math.min(options.settings.concurrency * inFlightPerConnection, alerts.length)) }, worker));
        await batch.marker.flush();
        return done;
      })().finally(() => handOut());
      return { handedOut, reports };
    },
  };
}
