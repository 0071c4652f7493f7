// The welcome email, sent once when a person confirms a subscription: what they now follow, where it
// stands (each open deadline in their time, with its countdown) and which emails will come next, so
// confirming is answered at once instead of by the first reminder weeks later. Pure, like renderAlert.

import type { ScheduleLine } from '../subscriber/schedule.js';
import { defaultWeekday, weekdayNames, type Weekday } from '../domain/vocabulary.js';
import type { DeadlineView, IssueView, SubscriberView } from './alert-view.js';
import { formatWithZone } from './dates.js';
import { footerLinks, issueLink, listHeaders, messageIdFor, type RenderContext, type RenderedEmail } from './email-parts.js';
import { oneLine, subjectLine } from './subject.js';
import { deadlineData, issueData } from './template-data.js';
import { renderTemplate } from './templates.js';

export interface WelcomeView {
  /** The welcome alert's key: the Message-ID hangs on it, so a re-send is the same message. */
  alertKey: string;
  subscriber: SubscriberView & { delivery: string; weekday?: string };
  issue: IssueView;
  /** Set when the subscription is to one deadline rather than the whole issue. */
  deadline: DeadlineView | null;
  /** Open deadlines of what is followed, soonest first (the next one first). */
  open: DeadlineView[];
  /** How many deadlines of the issue are already settled (met, extended away, dropped). */
  settled: number;
  /** The emails still to come for the next open deadline, in the subscriber's zone. */
  schedule: ScheduleLine[];
}

/** Deadlines listed in full; the rest are counted, and the issue page has them all. */
const listed = 3;

function weekdayLabel(weekday: string | undefined): string {
  return weekdayNames[(weekday ?? defaultWeekday) as Weekday] ?? weekdayNames[defaultWeekday];
}

export function renderWelcome(view: WelcomeView, ctx: RenderContext): RenderedEmail {
  const reader = view.subscriber;
  const what = oneLine(view.deadline === null ? view.issue.title : view.deadline.title);
  const next = view.open[0] ?? null;
  const nextData = next === null ? null : deadlineData(next, reader, ctx.now);
  const subject = subjectLine(nextData === null ? `You now follow ${what}` : `You now follow ${what}: next due ${nextData.block.readerTime}`);
  const url = issueLink(view.issue, ctx);
  const footer = footerLinks(reader, ctx);
  const data = {
    kind: 'welcome',
    subject,
    headline: `You now follow ${what}`,
    scope: view.deadline === null ? 'issue' : 'deadline',
    what,
    subscriber: { email: reader.email, zone: reader.zone },
    delivery: reader.delivery,
    /** Weekly digests: 'Monday'. */
    weekday: weekdayLabel(reader.weekday),
    issue: issueData(view.issue, url),
    /** The next open deadline (what the `_due` partial shows), or null when none is open. */
    deadline: nextData,
    /** Further open deadlines after the next one, at most a few. */
    later: view.open.slice(1, listed).map((d) => deadlineData(d, reader, ctx.now)),
    moreOpen: Math.max(0, view.open.length - listed),
    settled: view.settled,
    schedule: view.schedule.map((line) => ({ when: line.when, what: line.what })),
    links: { issue: url, ...footer },
    from: ctx.from,
    generatedAt: formatWithZone(ctx.now, reader.zone),
  };
  return {
    subject,
    text: renderTemplate('welcome.text', data, ctx.templatesDir),
    html: renderTemplate('welcome.html', data, ctx.templatesDir),
    headers: listHeaders(footer),
    messageId: messageIdFor(view.alertKey, ctx.host),
    attachments: [],
  };
}
