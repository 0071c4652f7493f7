// The daily or weekly digest: every alert a digest subscriber collected in a window, in one email, grouped by
// issue. Each item reads like the subject the alert would have had on its own.

import type { AlertView, DeadlineView, DigestView, IssueView } from './alert-view.js';
import { formatDay, formatDayNoYear, formatTime, formatWithZone } from './dates.js';
import { calendarAttachment, footerLinks, issueLink, listHeaders, messageIdFor, type RenderContext, type RenderedEmail } from './email-parts.js';
import { headlineFor, oneLine, summaryFor } from './subject.js';
import { deadlineData, issueData, lateNotice } from './template-data.js';
import { renderTemplate } from './templates.js';
import { whatNext } from './what-next.js';
import { clockTime } from '../time/due-block.js';

function deadlinesCount(view: DigestView): number {
  return view.items.filter((item) => item.content.deadline !== null).length;
}

export function renderDigest(view: DigestView, ctx: RenderContext): RenderedEmail {
  const subscriber = view.subscriber;
  const zone = subscriber.zone;
  const count = view.items.length;
  const subject = oneLine(`Docket ${view.rhythm ?? 'daily'} digest — ${count} ${count === 1 ? 'update' : 'updates'} (${formatDay(view.windowTo, zone)})`);
  const footer = footerLinks(subscriber, ctx);

  const groups = groupByIssue(view.items).map(({ issue, items }) => ({
    issue: issueData(issue, issueLink(issue, ctx)),
    items: items.map((item) => itemData(item, ctx)),
  }));

  const data = {
    kind: 'digest',
    subject,
    count,
    groups,
    window: { from: formatWithZone(view.windowFrom, zone), to: formatWithZone(view.windowTo, zone) },
    late: view.late ? `Sent late: Docket was not running at ${formatTime(view.late.scheduledFor, zone)} on ${formatDayNoYear(view.late.scheduledFor, zone)}` : null,
    // A first digest's window can be a single instant: "from 09:00 to 09:00" said nothing.
    intro: `${count} ${count === 1 ? 'update' : 'updates'}${view.windowFrom.getTime() < view.windowTo.getTime() ? ` since ${clockTime(view.windowFrom, zone, view.windowTo)}` : ''}.`,
    invite: deadlinesCount(view) > 0 ? 'docket-deadlines.ics' : null,
    subscriber: { email: subscriber.email, zone },
    links: footer,
    from: ctx.from,
    generatedAt: formatWithZone(ctx.now, zone),
  };

  const deadlines = view.items.flatMap((item) => {
    const deadline = item.content.deadline;
    return deadline === null ? [] : [{ issue: item.issue, deadline }];
  });
  return {
    subject,
    text: renderTemplate('digest.text', data, ctx.templatesDir),
    html: renderTemplate('digest.html', data, ctx.templatesDir),
    headers: listHeaders(footer),
    // The window identifies the digest: a re-send after a crash is the same message.
    messageId: messageIdFor(`digest:${subscriber.id}:${view.windowFrom.toISOString()}:${view.windowTo.toISOString()}`, ctx.host),
    attachments: calendarAttachment(deadlines, 'docket-deadlines.ics', ctx),
  };
}

function itemData(item: AlertView, ctx: RenderContext) {
  const c = item.content;
  const deadline: DeadlineView | null = c.deadline;
  return {
    summary: oneLine(summaryFor(item)),
    headline: headlineFor(c),
    kind: c.kind,
    event: c.kind === 'event' ? c.event : null,
    deadline: deadline === null ? null : deadlineData(deadline, item.subscriber, ctx.now),
    note: c.kind === 'event' ? (c.note ?? null) : null,
    late: lateNotice(item),
    whatNext: whatNext(c),
  };
}

/** Issues in the order they first appear, items in their given order within each. */
function groupByIssue(items: AlertView[]): Array<{ issue: IssueView; items: AlertView[] }> {
  const groups = new Map<string, { issue: IssueView; items: AlertView[] }>();
  for (const item of items) {
    const group = groups.get(item.issue.slug);
    if (group === undefined) groups.set(item.issue.slug, { issue: item.issue, items: [item] });
    else group.items.push(item);
  }
  return [...groups.values()];
}
