// JSON Schemas of every webhook message type, written once: the OpenAPI document's `webhooks` section
// serves them, docs/webhooks.md prints them, and test/channels/webhook-schemas.test.ts checks real
// deliveries against them. `issue` and `deadline` are the public API's Issue and Deadline shapes.
import { webhookEventTypes, type WebhookEventType } from '../domain/vocabulary.js';

const due = { type: 'object', required: ['dueAt', 'zone', 'precision'], properties: { dueAt: { type: 'string', format: 'date-time' }, zone: { type: 'string' }, precision: { enum: ['instant', 'day', 'month'] } } };

const descriptions: Record<WebhookEventType, string> = {
  'deadline.created': 'A new deadline was added to an issue the channel follows.',
  'deadline.extended': 'A deadline was given a new due moment (`from` → `to`).',
  'deadline.resolved': 'A deadline was met, missed or withdrawn (`deadline.status`, `deadline.resolutionNote`).',
  'deadline.reminder': 'A reminder milestone came: `milestone` is before:P7D, before:P1D (the offsets in force) or due; `lateSince` is set when Docket was not running at the milestone.',
  'deadline.overdue': 'A deadline passed with no answer recorded; `milestone` is overdue:1, overdue:2, …',
  'issue.note': 'A status update was recorded on an issue (`note`).',
  'channel.test': 'Sent by `docket channel test` / POST /api/channels/{name}/test.',
};

/** `data` of each type; `issueRef` and `deadlineRef` are the Issue and Deadline schemas (refs in OpenAPI). */
function dataSchema(type: WebhookEventType, issueRef: object, deadlineRef: object): object {
  if (type === 'channel.test') return { type: 'object', required: ['channel', 'message'], properties: { channel: { type: 'string' }, message: { type: 'string' } } };
  const issue = { allOf: [issueRef, { type: 'object', required: ['url'], properties: { url: { type: 'string', description: 'The issue page.' } } }] };
  const deadline = type === 'issue.note' ? { oneOf: [deadlineRef, { type: 'null' }] } : deadlineRef;
  const properties: Record<string, object> = { issue, deadline };
  const required = ['issue', 'deadline'];
  if (type === 'deadline.reminder' || type === 'deadline.overdue') {
    properties.milestone = type === 'deadline.overdue' ? { type: 'string', pattern: '^overdue:[0-9]+$' } : { type: 'string', pattern: '^(before:P.+|due)$' };
    properties.lateSince = { type: 'string', format: 'date-time' };
    required.push('milestone');
  }
  if (type === 'deadline.extended') Object.assign(properties, { from: due, to: due });
  if (type === 'issue.note' || type === 'deadline.extended' || type === 'deadline.resolved') properties.note = { type: 'string' };
  if (type === 'issue.note') required.push('note');
  return { type: 'object', required, properties };
}

export function webhookSchema(type: WebhookEventType, refs: { issue: object; deadline: object }): object {
  return {
    title: type,
    description: descriptions[type],
    type: 'object',
    required: ['type', 'timestamp', 'data'],
    properties: { type: { const: type }, timestamp: { type: 'string', format: 'date-time', description: 'When it happened (the milestone or the event), UTC.' }, data: dataSchema(type, refs.issue, refs.deadline) },
  };
}

/** The OpenAPI 3.1 `webhooks` section. */
export function openApiWebhooks(refs: { issue: object; deadline: object }): Record<string, object> {
  const headers = {
    'webhook-id': { required: true, schema: { type: 'string' }, description: 'The alert\'s key: the same on every retry (use it to drop duplicates).' },
    'webhook-timestamp': { required: true, schema: { type: 'string' }, description: 'Unix seconds of this attempt (real time); reject messages more than 5 minutes off.' },
    'webhook-signature': { required: true, schema: { type: 'string' }, description: 'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; two during a secret rotation.' },
  };
  return Object.fromEntries(
    webhookEventTypes.map((type) => [
      type,
      {
        post: {
          summary: descriptions[type],
          description: 'Sent to webhook channels, signed per Standard Webhooks (docs/webhooks.md). Answer 2xx to acknowledge; 410 disables the channel; 429/503 with Retry-After are honoured.',
          parameters: Object.entries(headers).map(([name, header]) => ({ name, in: 'header', ...header })),
          requestBody: { required: true, content: { 'application/json': { schema: webhookSchema(type, refs) } } },
          responses: { '2XX': { description: 'Received' }, '410': { description: 'Gone: Docket disables the channel' } },
        },
      },
    ]),
  );
}
