// One alert → one email: subject, plain-text and HTML parts from templates, list headers, a stable
// Message-ID and, when a deadline is involved, its .ics. Pure: same view and context, same email.

import type { AlertView } from './alert-view.js';
import { formatWithZone } from './dates.js';
import {
  calendarAttachment,
  footerLinks,
  issueLink,
  type FooterLinks,
  listHeaders,
  messageIdFor,
  type RenderContext,
  type RenderedEmail,
} from './email-parts.js';
import { headlineFor, subjectFor } from './subject.js';
import { deadlineData, dueData, issueData, lateNotice } from './template-data.js';
import { renderTemplate } from './templates.js';
import { whatNext } from './what-next.js';

export { messageIdFor, type RenderContext, type RenderedEmail } from './email-parts.js';
export { renderDigest } from './render-digest.js';

export function renderAlert(view: AlertView, ctx: RenderContext): RenderedEmail {
  return renderAlertFor(view, ctx, { email: view.subscriber.email, links: footerLinks(view.subscriber, ctx) });
}

/** What makes one follower's copy of an email theirs (see shared-render.ts). */
export interface PersonalParts {
  email: string;
  links: FooterLinks;
}

export function renderAlertFor(view: AlertView, ctx: RenderContext, personal: PersonalParts): RenderedEmail {
  const c = view.content;
  const subject = subjectFor(view);
  const footer = personal.links;
  const url = issueLink(view.issue, ctx);
  const now = ctx.now;
  const base = {
    subject,
    headline: headlineFor(c),
    issue: issueData(view.issue, url),
    subscriber: { email: personal.email, zone: view.subscriber.zone },
    links: { issue: url, ...footer },
    from: ctx.from,
    generatedAt: formatWithZone(now, view.subscriber.zone),
    whatNext: whatNext(c),
    /** The .ics attached to this email, or null. */
    invite: c.deadline === null ? null : `deadline-${c.deadline.id}.ics`,
  };

  const data =
    c.kind === 'reminder'
      ? { ...base, kind: 'reminder', milestone: c.milestone, late: lateNotice(view), deadline: deadlineData(c.deadline, view.subscriber, now) }
      : {
          ...base,
          kind: 'event',
          event: c.event,
          // An extension's block shows the new date, whatever the view's copy of the deadline says.
          deadline:
            c.deadline === null
              ? null
              : deadlineData(c.event === 'deadline.extended' && c.to !== undefined ? { ...c.deadline, due: c.to } : c.deadline, view.subscriber, now),
          change:
            c.event === 'deadline.extended'
              ? {
                  from: c.from === undefined ? null : dueData(c.from, view.subscriber, now),
                  to: dueData(c.to ?? c.deadline?.due ?? missingDue(view), view.subscriber, now),
                }
              : null,
          note: c.note ?? null,
          at: formatWithZone(c.at, view.subscriber.zone),
        };

  const template = c.kind === 'reminder' ? 'reminder' : 'event';
  const deadline = c.deadline;
  return {
    subject,
    text: renderTemplate(`${template}.text`, data, ctx.templatesDir),
    html: renderTemplate(`${template}.html`, data, ctx.templatesDir),
    headers: listHeaders(footer),
    messageId: messageIdFor(view.alertKey, ctx.host),
    attachments: deadline === null ? [] : calendarAttachment([{ issue: view.issue, deadline }], `deadline-${deadline.id}.ics`, ctx),
  };
}

function missingDue(view: AlertView): never {
  throw new Error(`alert ${JSON.stringify(view.alertKey)}: an extension needs 'to' or a deadline`);
}
