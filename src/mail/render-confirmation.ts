// The double opt-in email: someone typed this address into a subscribe form, and nothing is sent to it
// until its owner clicks the link. It says who asked for what, until when the link works, and that
// ignoring it is safe. Not a list message yet, so no List-Unsubscribe: there is nothing to leave.

import type { DeadlineView, IssueView, SubscriberView } from './alert-view.js';
import { formatWithZone } from './dates.js';
import { issueLink, messageIdFor, type RenderContext, type RenderedEmail } from './email-parts.js';
import { oneLine, subjectLine } from './subject.js';
import { deadlineData, issueData } from './template-data.js';
import { renderTemplate } from './templates.js';
import { readConfirmRequestKey } from '../subscriber/confirm-request.js';
import { isValidZone } from '../time/zone.js';

export interface ConfirmationView {
  /** The confirm alert's key: the Message-ID hangs on it, so a re-send is the same message. */
  alertKey: string;
  subscriber: SubscriberView;
  issue: IssueView;
  /** Set when the request was for one deadline rather than the whole issue. */
  deadline: DeadlineView | null;
  confirmUrl: string;
  expiresAt: Date;
}

export function renderConfirmation(view: ConfirmationView, ctx: RenderContext): RenderedEmail {
  // The zone and delivery asked for with this request (not the row's, which a stranger may have set).
  const asked = readConfirmRequestKey(view.alertKey);
  const zone = asked?.zone && isValidZone(asked.zone) ? asked.zone : view.subscriber.zone;
  const delivery = asked?.delivery ?? null;
  const reader = { ...view.subscriber, zone };
  const what = view.deadline === null ? oneLine(view.issue.title) : oneLine(view.deadline.title);
  const subject = subjectLine(`Confirm your Docket subscription: ${what}`);
  const url = issueLink(view.issue, ctx);
  const data = {
    kind: 'confirm',
    subject,
    subscriber: { email: view.subscriber.email, zone },
    delivery,
    scope: view.deadline === null ? 'issue' : 'deadline',
    what,
    issue: issueData(view.issue, url),
    deadline: view.deadline === null ? null : deadlineData(view.deadline, reader, ctx.now),
    links: { confirm: view.confirmUrl, issue: url },
    expires: formatWithZone(view.expiresAt, zone),
    from: ctx.from,
    generatedAt: formatWithZone(ctx.now, zone),
  };
  return {
    subject,
    text: renderTemplate('confirm.text', data, ctx.templatesDir),
    html: renderTemplate('confirm.html', data, ctx.templatesDir),
    headers: {
      // RFC 3834: no vacation replies to a robot's question.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'OOF, AutoReply',
    },
    messageId: messageIdFor(view.alertKey, ctx.host),
    attachments: [],
  };
}
