// The webhook channels' receiver: a real node:http server on loopback, in the suite's own process. It
// answers 500 while told to fail (an outage), else 204 after a short delay, so a SIGKILL can land between
// "the receiver has the message" and "Docket has marked it sent". Each request is recorded as it arrives,
// with its signature checked by the `standardwebhooks` package against the channel's secret (the one
// `docket channel add` printed): a receiver that has read a verified body has the message, answered or not.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { matchCopies, reworded, type AlertRow } from './reconcile.js';

export interface WebhookRequest {
  channel: string;
  webhookId: string;
  /** 204 (accepted) or 500 (the outage), or 400 when the signature did not verify. */
  status: number;
  at: number;
  verified: boolean;
  error?: string;
  /** What the message is about, as a receiver sees it: type, deadline, milestone, timestamp. */
  identity?: string;
  deadlineId?: number;
  milestone?: string;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>/hooks/<channel> */
  urlFor(channel: string): string;
  /** The signing secret of a channel (from `channel add`): requests for it are verified with it. */
  trust(channel: string, secret: string): void;
  /** Answer 500 to everything for the next `ms`. */
  failFor(ms: number): void;
  failing(): boolean;
  readonly requests: WebhookRequest[];
  accepted(): WebhookRequest[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { answerDelayMs: () => number }): Promise<WebhookReceiver> {
  const secrets = new Map<string, Webhook>();
  const requests: WebhookRequest[] = [];
  let failUntil = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const channel = /^\/hooks\/([a-z0-9-]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const webhookId = String(req.headers['webhook-id'] ?? '');
      const at = Date.now();
      const record: WebhookRequest = { channel, webhookId, status: 0, at, verified: false };
      try {
        const webhook = secrets.get(channel);
        if (!webhook) throw new Error(`no secret for channel "${channel}" (${req.url})`);
        const message = webhook.verify(body, req.headers as Record<string, string>) as { type: string; timestamp: string; data: { deadline?: { id: number } | null; milestone?: string } };
        record.verified = true;
        record.deadlineId = message.data.deadline?.id;
        record.milestone = message.data.milestone;
        record.identity = `${message.type} deadline ${message.data.deadline?.id ?? '-'} ${message.data.milestone ?? ''} ${message.timestamp}`;
      } catch (error) {
        record.error = (error as Error).message;
      }
      requests.push(record);
      if (!record.verified) return void res.writeHead((record.status = 400)).end();
      if (at < failUntil) return void res.writeHead((record.status = 500)).end('outage');
      record.status = 204;
      // Recorded as had; answered a little later. A kill in between leaves it unmarked: a resend is owed.
      setTimeout(() => res.writeHead(204).end(), options.answerDelayMs());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    urlFor: (channel) => `http://127.0.0.1:${port}/hooks/${channel}`,
    trust: (channel, secret) => void secrets.set(channel, new Webhook(secret)),
    failFor(ms) {
      failUntil = Date.now() + ms;
    },
    failing: () => Date.now() < failUntil,
    requests,
    accepted: () => requests.filter((request) => request.status >= 200 && request.status < 300),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WebhookReconciliation {
  owed: number;
  /** Owed deliveries no request accepted. */
  lost: AlertRow[];
  /** Accepted copies beyond the first, by webhook-id. */
  duplicated: number;
  /** Alerts accepted more than once that were not claimed at a kill. */
  unexplained: AlertRow[];
  /** Accepted requests whose (channel, webhook-id) is no owed alert's. */
  unexpected: WebhookRequest[];
  /** The same message (channel, type, deadline, milestone, timestamp) accepted under two webhook-ids. */
  reworded: number;
  /** Requests whose signature did not verify with the channel's secret. */
  unverified: WebhookRequest[];
  /** Accepted bodies about another deadline or milestone than their webhook-id (the alert key) names. */
  mismatched: WebhookRequest[];
  /** Delivered alerts not recorded as sent with their key as message id. */
  misrecorded: AlertRow[];
}

/**
 * Message by message, as reconcile() does for email: each owed channel alert (its key is the webhook-id)
 * against what the receiver accepted for that channel.
 */
export function reconcileWebhooks(input: { owed: Array<AlertRow & { channel: string }>; requests: WebhookRequest[]; inFlight: ReadonlySet<number> }): WebhookReconciliation {
  const accepted = input.requests.filter((request) => request.status >= 200 && request.status < 300);
  const matched = matchCopies({
    owed: input.owed,
    idOf: (row) => `${row.channel} ${row.key}`,
    received: accepted,
    receivedId: (request) => `${request.channel} ${request.webhookId}`,
    inFlight: input.inFlight,
    recordedAs: (row) => row.messageId === row.key,
  });
  // r:<subscriber>:<deadline>:<revision>:<milestone>
  const mismatched = accepted.filter((request) => {
    const [, , deadline, , ...milestone] = request.webhookId.split(':');
    return Number(deadline) !== request.deadlineId || milestone.join(':') !== request.milestone;
  });
  return {
    owed: input.owed.length,
    ...matched,
    reworded: reworded(accepted, (request) => `${request.channel}\n${request.identity}`, (request) => request.webhookId),
    unverified: input.requests.filter((request) => !request.verified),
    mismatched,
  };
}

export function webhookMisses(r: WebhookReconciliation): string[] {
  const misses: string[] = [];
  const sample = (rows: AlertRow[]) => rows.slice(0, 3).map((row) => `${row.key} (${row.status}, ${row.attempts} attempts${row.lastError ? `, ${row.lastError}` : ''})`).join('; ');
  if (r.lost.length > 0) misses.push(`${r.lost.length} owed webhook deliveries never accepted: ${sample(r.lost)}`);
  if (r.unexplained.length > 0) misses.push(`${r.unexplained.length} webhook deliveries accepted more than once without being in flight at a kill: ${sample(r.unexplained)}`);
  if (r.unexpected.length > 0) misses.push(`${r.unexpected.length} accepted webhooks match no owed alert, e.g. ${JSON.stringify(r.unexpected[0])}`);
  if (r.reworded > 0) misses.push(`${r.reworded} webhook messages arrived again under a different webhook-id`);
  if (r.unverified.length > 0) misses.push(`${r.unverified.length} webhook requests failed signature verification, e.g. ${JSON.stringify(r.unverified[0])}`);
  if (r.mismatched.length > 0) misses.push(`${r.mismatched.length} webhook bodies are about another deadline/milestone than their webhook-id, e.g. ${JSON.stringify(r.mismatched[0])}`);
  if (r.misrecorded.length > 0) misses.push(`${r.misrecorded.length} delivered channel alerts are not recorded as sent with their webhook-id: ${sample(r.misrecorded)}`);
  return misses;
}
