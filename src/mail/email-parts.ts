// Pieces every Docket email shares: identity (Message-ID), list headers, signed footer links and the
// .ics attachment.

import { createHash } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { addDeadlineEvent } from '../calendar/deadline-event.js';
import { issueUrl, manageUrl, signToken, unsubscribeUrl } from '../tokens.js';
import type { Links } from '../tokens.js';
import type { DeadlineView, IssueView, SubscriberView } from './alert-view.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  attachments: Array<{ filename: string; content: string; contentType: string }>;
}

export interface RenderContext {
  links: Links;
  secret: string;
  now: Date;
  from: string;
  /** A deployer's directory of .eta files that shadow templates/email/ by file name (config mail.templatesDir). */
  templatesDir?: string | null;
  /** Host name for Message-IDs and calendar UIDs (no port, no scheme). */
  host: string;
  /** VALARM offsets in the attached .ics ('P1D'); none unless given. */
  alarmOffsets?: string[];
}

/**
 * Derived from the alert key only, so a re-send after a crash is the same message to the receiving
 * server (many deduplicate on Message-ID) and to the reader's client.
 */
export function messageIdFor(alertKey: string, host: string): string {
  const digest = createHash('sha256').update(alertKey, 'utf8').digest('hex').slice(0, 32);
  return `<${digest}.docket@${host}>`;
}

export interface FooterLinks {
  unsubscribe: string;
  manage: string;
}

// The footer's unsubscribe link covers all of the subscriber's Docket mail (no scope): one click must
// stop the emails, whichever issue this one was about. Bound to the link key when the view has it, else
// to the address (src/tokens.ts), so a moved or restored store never opens someone else's page.
export function footerLinks(subscriber: SubscriberView, ctx: RenderContext): FooterLinks {
  const binding = subscriber.linkKey !== undefined ? { linkKey: subscriber.linkKey } : { email: subscriber.email };
  return {
    unsubscribe: unsubscribeUrl(ctx.links, signToken(ctx.secret, { purpose: 'unsubscribe', subscriberId: subscriber.id, ...binding })),
    manage: manageUrl(ctx.links, signToken(ctx.secret, { purpose: 'manage', subscriberId: subscriber.id, ...binding })),
  };
}

export function issueLink(issue: IssueView, ctx: RenderContext): string {
  return issueUrl(ctx.links, issue.slug);
}

export function listHeaders(links: FooterLinks): Record<string, string> {
  return {
    // RFC 8058 one-click: mail providers POST to the URL; the page handles GET with a confirm button.
    'List-Unsubscribe': `<${links.unsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    // RFC 3834: tells vacation responders and ticket systems not to answer.
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'OOF, AutoReply',
  };
}

/** One .ics holding each distinct deadline once (latest revision wins), or nothing for none. */
export function calendarAttachment(
  entries: Array<{ issue: IssueView; deadline: DeadlineView }>,
  filename: string,
  ctx: RenderContext,
): RenderedEmail['attachments'] {
  const latest = new Map<number, { issue: IssueView; deadline: DeadlineView }>();
  for (const entry of entries) {
    const seen = latest.get(entry.deadline.id);
    if (seen === undefined || entry.deadline.revision > seen.deadline.revision) latest.set(entry.deadline.id, entry);
  }
  if (latest.size === 0) return [];
  // Every follower of a deadline gets the same calendar text in a tick: build it once per batch.
  const key = JSON.stringify([[...latest.values()], ctx.host, ctx.links.baseUrl, ctx.now.getTime(), ctx.alarmOffsets ?? null]);
  let content = calendars.get(key);
  if (content === undefined) {
    const cal = ical({ prodId: { company: 'Docket', product: 'Docket', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
    for (const { issue, deadline } of latest.values()) {
      addDeadlineEvent(cal, issue, deadline, { host: ctx.host, issueUrl: issueLink(issue, ctx), stamp: ctx.now, alarmOffsets: ctx.alarmOffsets });
    }
    content = cal.toString();
    if (calendars.size >= 200) calendars.clear();
    calendars.set(key, content);
  }
  return [{ filename, content, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }];
}

const calendars = new Map<string, string>();
