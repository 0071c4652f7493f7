// Small factories with the canonical case as defaults (see the domain notes): South Korea's May 2020
// demand that Japan state its position on export controls, due at the end of 31 May in Seoul.

import type { AlertView, DeadlineView, IssueView, SubscriberView } from '../../src/mail/alert-view.js';
import type { RenderContext } from '../../src/mail/render-alert.js';

export const secret = 'test-secret-0123456789abcdef';
export const host = 'docket.example.org';

export function issue(over: Partial<IssueView> = {}): IssueView {
  return {
    slug: 'japan-south-korea-export-controls',
    title: 'Japan–South Korea export controls',
    summary:
      'In July 2019 Japan tightened export controls on three semiconductor materials to South Korea and in August removed it from its list of countries with simplified export procedures.',
    parties: ['Japan', 'South Korea'],
    sources: ['https://example.com/news/2020-05-12-motie'],
    ...over,
  };
}

export function deadline(over: Partial<DeadlineView> = {}): DeadlineView {
  return {
    id: 42,
    title: "South Korea's request for Japan's position on export controls",
    demandedBy: 'South Korea',
    demandedOf: 'Japan',
    announcedAt: new Date('2020-05-12T03:00:00Z'),
    due: { instant: new Date('2020-05-31T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' },
    expression: 'by the end of this month',
    status: 'pending',
    resolutionNote: null,
    sources: ['https://example.com/news/2020-05-12-motie'],
    revision: 0,
    ...over,
  };
}

export function subscriber(over: Partial<SubscriberView> = {}): SubscriberView {
  return { id: 7, email: 'analyst@example.com', zone: 'America/New_York', ...over };
}

export function reminder(milestone = 'before:P1D', over: Partial<AlertView> = {}, d: DeadlineView = deadline()): AlertView {
  return {
    alertKey: `sub:7|deadline:${d.id}|${milestone}`,
    issue: issue(),
    subscriber: subscriber(),
    content: { kind: 'reminder', milestone, deadline: d },
    ...over,
  };
}

export function context(over: Partial<RenderContext> = {}): RenderContext {
  return {
    links: { baseUrl: 'http://localhost:8080' },
    secret,
    now: new Date('2020-05-30T13:00:00Z'),
    from: 'Docket <docket@docket.example.org>',
    host,
    ...over,
  };
}
