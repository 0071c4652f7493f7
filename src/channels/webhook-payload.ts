// The webhook message for an alert: `{ type, timestamp, data }`, data holding the issue and deadline in
// the public API's JSON shapes (issueJson / deadlineJson), so a receiver parses one shape everywhere.
import type { WebhookEventType } from '../domain/vocabulary.js';
import type { AlertView } from '../mail/alert-view.js';
import type { Deadline, TrackedIssue } from '../store/models.js';
import { deadlineJson, issueJson } from '../usecases/json-views.js';
import { isoInZone } from '../time/format.js';

export interface WebhookMessage {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Standard Webhooks recommends payloads under 20 kB; longer notes and summaries are cut to fit. */
export const maxPayloadBytes = 20_000;

/** The webhook type an alert is delivered as (and what `--events` filters on). */
export function webhookType(view: AlertView): WebhookEventType {
  const content = view.content;
  if (content.kind === 'reminder') return content.milestone.startsWith('overdue:') ? 'deadline.overdue' : 'deadline.reminder';
  return content.event;
}

export interface PayloadRecords {
  issue: TrackedIssue;
  deadline: (Deadline & { issue: TrackedIssue }) | null;
}

/** `timestamp` is when the alert's moment was (the milestone or the event), not the attempt. */
export function webhookMessage(view: AlertView, records: PayloadRecords, at: Date, links: { baseUrl: string }): WebhookMessage {
  const content = view.content;
  const data: Record<string, unknown> = {
    issue: { ...issueJson(records.issue), url: `${links.baseUrl}/issues/${records.issue.slug}` },
    deadline: records.deadline === null ? null : deadlineJson(records.deadline),
  };
  if (content.kind === 'reminder') {
    data.milestone = content.milestone;
    if (content.late) data.lateSince = content.late.scheduledFor.toISOString();
  } else {
    if (content.note !== undefined) data.note = content.note;
    if (content.from) data.from = { dueAt: isoInZone(content.from.instant, content.from.zone), zone: content.from.zone, precision: content.from.precision };
    if (content.to) data.to = { dueAt: isoInZone(content.to.instant, content.to.zone), zone: content.to.zone, precision: content.to.precision };
  }
  return fit({ type: webhookType(view), timestamp: at.toISOString(), data });
}

export function testMessage(channelName: string, now: Date): WebhookMessage {
  return { type: 'channel.test', timestamp: now.toISOString(), data: { channel: channelName, message: 'A test from Docket: this channel is set up.' } };
}

/** Shortens the source lists, then the free-text fields (note, summary), until the body fits in maxPayloadBytes. */
function fit(message: WebhookMessage): WebhookMessage {
  const size = () => Buffer.byteLength(JSON.stringify(message));
  // Up to 100 sources of 2,000 characters each can be recorded: the first few, shortened, go first.
  if (size() > maxPayloadBytes) {
    for (const record of [message.data.issue, message.data.deadline] as Array<{ sources?: string[] } | null>) {
      if (record?.sources) record.sources = record.sources.slice(0, 5).map((source) => cut(source, 300));
    }
  }
  for (let budget = 4000; size() > maxPayloadBytes && budget >= 0; budget -= 1000) {
    const issue = message.data.issue as { summary: string };
    issue.summary = cut(issue.summary, budget);
    if (typeof message.data.note === 'string') message.data.note = cut(message.data.note, budget);
  }
  return message;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
