// What a Slack or Teams message says about an alert, once, as plain data: a header (the email's
// subject), when it is due in the channel's zone and in the issuer's, the countdown, who demands what of
// whom, and the issue page. slack-message.ts and teams-message.ts only lay it out.
import type { AlertView } from '../mail/alert-view.js';
import { dueCountdown, formatWithZone } from '../mail/dates.js';
import { oneLine, subjectFor } from '../mail/subject.js';

export interface ChatContent {
  header: string;
  /** Label/value pairs, in order. */
  facts: Array<{ label: string; value: string }>;
  /** Free text under the facts (an issue note, a resolution note). */
  text?: string;
  /** The issue page. */
  url: string;
}

export function chatContent(view: AlertView, now: Date, channelZone: string, links: { baseUrl: string }): ChatContent {
  const content = view.content;
  const deadline = content.deadline;
  const facts: ChatContent['facts'] = [{ label: 'Issue', value: oneLine(view.issue.title) }];
  if (deadline) {
    const due = deadline.due;
    facts.push({ label: 'Due (channel time)', value: formatWithZone(due.instant, channelZone) });
    if (due.zone !== channelZone) facts.push({ label: 'Due (where it was set)', value: formatWithZone(due.instant, due.zone) });
    facts.push({ label: 'Countdown', value: dueCountdown(due, now, channelZone) });
    if (deadline.demandedBy !== '' || deadline.demandedOf !== '') facts.push({ label: 'Who of whom', value: `${deadline.demandedBy || '?'} of ${deadline.demandedOf || '?'}` });
  }
  const note = content.kind === 'event' ? (content.note ?? (content.event === 'deadline.resolved' ? (deadline?.resolutionNote ?? undefined) : undefined)) : undefined;
  return { header: oneLine(subjectFor(view)), facts, ...(note ? { text: note } : {}), url: `${links.baseUrl}/issues/${view.issue.slug}` };
}

export function testContent(channelName: string, links: { baseUrl: string }): ChatContent {
  return { header: 'Docket: test message', facts: [{ label: 'Channel', value: channelName }], text: 'This channel is set up: alerts for the issues it follows will arrive here.', url: links.baseUrl };
}

/** The notification line (Slack's `text`, Teams' summary): header and the first facts. */
export function fallbackText(content: ChatContent): string {
  return [content.header, ...content.facts.slice(1, 3).map((fact) => `${fact.label}: ${fact.value}`)].join(' · ');
}
