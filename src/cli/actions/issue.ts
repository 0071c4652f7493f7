// `docket issue …`: parse nothing here beyond what commander did; use cases validate, these print.
import { addIssueNote } from '../../usecases/add-issue-note.js';
import { closeIssue as closeIssueUseCase, reopenIssue as reopenIssueUseCase } from '../../usecases/change-issue-status.js';
import { createIssue } from '../../usecases/create-issue.js';
import { deadlineJson, eventJson, issueJson } from '../../usecases/json-views.js';
import { listIssues as listIssuesUseCase, showIssue as showIssueUseCase } from '../../usecases/read-issues.js';
import { updateIssue as updateIssueUseCase } from '../../usecases/update-issue.js';
import { withCliContext } from '../context.js';
import { deadlineHead, deadlineRows, dueShort, printHistory, printIssue } from './print-records.js';
import { writeContext } from './use-case-context.js';

interface Json {
  json?: boolean;
}

interface IssueFields {
  title?: string;
  summary?: string;
  party?: string[];
  tag?: string[];
  source?: string[];
  offsets?: string;
}

export async function addIssue(slug: string, options: IssueFields & Json & { title: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const issue = await createIssue(writeContext(ctx), { slug, ...issueFields(options), title: options.title });
    if (options.json) ctx.out.json(issueJson(issue));
    else ctx.out.line(`Tracking issue ${issue.slug}: ${issue.title}`);
  });
}

export async function listIssues(options: Json & { status?: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const summaries = await listIssuesUseCase(ctx.store.db, { status: options.status });
    if (options.json) {
      ctx.out.json(
        summaries.map((s) => ({
          ...issueJson(s.issue),
          openDeadlines: s.openDeadlines,
          nextDeadline: s.nextDue?.id ?? null,
          nextDueAt: s.nextDue ? deadlineJson({ ...s.nextDue, issue: s.issue }).dueAt : null,
          subscriptions: s.subscriptions,
        })),
      );
      return;
    }
    if (summaries.length === 0) {
      ctx.out.note(`No ${options.status === 'all' ? '' : `${options.status ?? 'open'} `}issues.`);
      return;
    }
    ctx.out.table(
      ['slug', 'status', 'open deadlines', 'next due', 'subscriptions', 'title'],
      summaries.map((s) => [
        s.issue.slug,
        s.issue.status,
        s.openDeadlines,
        s.nextDue ? `${dueShort(s.nextDue)} ${s.nextDue.zone}` : '',
        s.subscriptions,
        s.issue.title,
      ]),
    );
  });
}

export async function showIssue(slug: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const detail = await showIssueUseCase(ctx.store.db, slug);
    if (options.json) {
      ctx.out.json({
        ...issueJson(detail.issue),
        subscriptions: detail.subscriptions,
        deadlines: detail.deadlines.map(deadlineJson),
        history: detail.history.map((event) => eventJson(event)),
      });
      return;
    }
    printIssue(ctx.out, detail.issue);
    ctx.out.line(`  followers:  ${detail.subscriptions} subscription(s)`);
    if (detail.deadlines.length > 0) {
      ctx.out.line();
      ctx.out.table(deadlineHead, deadlineRows(detail.deadlines, ctx.clock.now()));
    }
    printHistory(ctx.out, detail.history, 'UTC');
  });
}

export async function updateIssue(slug: string, options: IssueFields & Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const { issue, changes } = await updateIssueUseCase(writeContext(ctx), slug, issueFields(options));
    if (options.json) ctx.out.json({ ...issueJson(issue), changed: Object.keys(changes) });
    else if (Object.keys(changes).length === 0) ctx.out.line(`Issue ${issue.slug} already had those values; nothing changed.`);
    else ctx.out.line(`Updated issue ${issue.slug}: ${Object.keys(changes).join(', ')}`);
  });
}

export async function closeIssue(slug: string, options: Json & { note?: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const issue = await closeIssueUseCase(writeContext(ctx), slug, options.note);
    if (options.json) ctx.out.json(issueJson(issue));
    else ctx.out.line(`Closed issue ${issue.slug}.`);
  });
}

export async function reopenIssue(slug: string, options: Json & { note?: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const issue = await reopenIssueUseCase(writeContext(ctx), slug, options.note);
    if (options.json) ctx.out.json(issueJson(issue));
    else ctx.out.line(`Reopened issue ${issue.slug}.`);
  });
}

export async function noteIssue(slug: string, text: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const event = await addIssueNote(writeContext(ctx), slug, text);
    if (options.json) ctx.out.json(eventJson(event));
    else ctx.out.line(`Noted on ${slug}; subscribers will be told.`);
  });
}

/** The command's repeatable options (--party, --tag, --source) under the use case's plural names. */
function issueFields(options: IssueFields) {
  return { title: options.title, summary: options.summary, parties: options.party, tags: options.tag, sources: options.source, offsets: options.offsets };
}
