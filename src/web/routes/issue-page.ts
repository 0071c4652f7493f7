// `/issues/<slug>`: the issue, its deadlines with status and history, and the subscribe form.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFound } from '../../errors.js';
import type { WebContext } from '../context.js';
import { cachedPage, fillPage } from '../page-cache.js';
import { issueModel } from '../page-models.js';
import type { IssueSnapshot } from '../public-data.js';
import { sendPage, type PageData } from '../render-page.js';
import { issueSnapshot } from '../snapshots.js';
import type { FieldError } from '../subscribe-form.js';
import type { ZoneChoice } from '../../time/find-zone.js';
import { zoneOptions } from '../../time/find-zone.js';
import { scheduleSummary } from '../../subscriber/schedule.js';

export interface SubscribeFormState {
  email: string;
  zone: string;
  /** The zone is still the server's default, so the browser script may replace it with the reader's. */
  zoneAutofill: boolean;
  delivery: string;
  scope: string;
  /** Every problem with the last submission, shown at the top of the form. */
  errors: FieldError[];
  /** Zones to pick from when the zone typed was unclear or misspelt. */
  zoneChoices: ZoneChoice[];
}

export function blankForm(ctx: WebContext): SubscribeFormState {
  return { email: '', zone: ctx.config.defaultZone, zoneAutofill: true, delivery: 'immediate', scope: 'issue', errors: [], zoneChoices: [] };
}

function issuePageData(ctx: WebContext, snapshot: IssueSnapshot, form: SubscribeFormState, now: Date, csrf: string): PageData {
  const model = issueModel(snapshot, now, ctx.config.defaultZone);
  const slug = snapshot.issue.slug;
  return {
    title: model.issue.title,
    description: model.issue.summary.slice(0, 200),
    feeds: [
      { title: `${model.issue.title}: updates (Atom)`, href: `/issues/${slug}.atom`, type: 'application/atom+xml' },
      { title: `${model.issue.title}: deadlines (iCalendar)`, href: `/issues/${slug}.ics`, type: 'text/calendar' },
    ],
    ...model,
    form,
    invalid: Object.fromEntries(form.errors.map((e) => [e.field, e])),
    zoneOptions: zoneOptions(),
    scheduleSummary: scheduleSummary(ctx.settings.policy),
    calendar: calendarLinks(ctx, slug),
    csrf,
  };
}

export function registerIssuePage(app: FastifyInstance, ctx: WebContext): void {
  app.get<{ Params: { slug: string } }>('/issues/:slug', async (request, reply) => {
    const snapshot = await issueSnapshot(ctx, request.params.slug);
    if (snapshot === null) throw notFound('issue', request.params.slug);
    const now = ctx.clock.now();
    const page = await cachedPage(ctx, `issue:${snapshot.value.issue.slug}`, snapshot.fingerprint, now, (csrf) => ({
      template: 'issue',
      data: issuePageData(ctx, snapshot.value, blankForm(ctx), now, csrf),
    }));
    // The page carries a CSRF token tied to this visitor's cookie: shared caches must not keep it.
    reply.header('cache-control', 'private, no-cache').type('text/html; charset=utf-8');
    return reply.send(fillPage(page, () => reply.generateCsrf()));
  });
}

/** The page with the subscribe form as the visitor filled it in and what was wrong (not cached). */
export function sendIssuePage(reply: FastifyReply, ctx: WebContext, snapshot: IssueSnapshot, form: SubscribeFormState, status: number): FastifyReply {
  reply.header('cache-control', 'private, no-cache');
  const open = snapshot.issue.status === 'open';
  return sendPage(reply, 'issue', issuePageData(ctx, snapshot, form, ctx.clock.now(), open ? reply.generateCsrf() : ''), status);
}

/** webcal:// for calendar apps that subscribe, plus Google's and Outlook's "add by URL" pages. */
function calendarLinks(ctx: WebContext, slug: string) {
  const https = `${ctx.baseUrl}/issues/${slug}.ics`;
  const webcal = https.replace(/^https?:/, 'webcal:');
  return {
    webcal,
    ics: `/issues/${slug}.ics`,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent(`Docket: ${slug}`)}`,
  };
}
