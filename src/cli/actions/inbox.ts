// `docket inbox …`: review what watched feeds proposed.
import type { InboxItem } from '../../store/models.js';
import { deadlineJson } from '../../usecases/json-views.js';
import { acceptInboxItem, dismissInboxItem, inboxJson, listInbox as listInboxUseCase, requireInboxItem, type AcceptInput } from '../../usecases/review-inbox.js';
import { withCliContext } from '../context.js';
import type { Output } from '../output.js';
import { dueShort } from './print-records.js';
import { writeContext } from './use-case-context.js';

interface Json {
  json?: boolean;
}

export async function listInbox(options: Json & { status?: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const items = await listInboxUseCase(ctx.store.db, { status: options.status });
    if (options.json) return ctx.out.json(items.map(inboxJson));
    if (items.length === 0) return ctx.out.note(`No ${options.status ?? 'new'} candidates.`);
    ctx.out.table(['id', 'due', 'by → of', 'issue', 'what', 'item'], items.map((i) => [i.id, `${dueShort(i)} ${i.zone}`, `${i.demandedBy || '?'} → ${i.demandedOf || '?'}`, i.issueSlug ?? '', i.title, i.itemTitle]));
  });
}

export async function showInbox(id: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const item = await requireInboxItem(ctx.store.db, id);
    if (options.json) return ctx.out.json(inboxJson(item));
    printItem(ctx.out, item);
  });
}

function printItem(out: Output, item: InboxItem): void {
  const j = inboxJson(item);
  out.heading(`Inbox ${item.id} (${item.status}): ${item.title}`);
  out.line(`Due:        ${dueShort(item)} ${item.zone} — read "${item.expression}" as ${item.reading}`);
  out.line(`Demand:     by ${item.demandedBy || '?'} of ${item.demandedOf || '?'}`);
  out.line(`Announced:  ${j.announcedAt}`);
  out.line(`Evidence:   ${item.evidence}`);
  out.line(`From:       ${item.itemTitle} ${item.itemUrl}`);
  if (item.reason) out.line(`Dismissed:  ${item.reason}`);
  if (item.deadlineId) out.line(`Deadline:   ${item.deadlineId}`);
  if (item.status === 'new') out.line(`Accept:     docket inbox accept ${item.id}${item.issueSlug ? '' : ' --issue SLUG'}`);
}

export async function acceptInbox(id: string, options: Json & { issueTitle?: string; source?: string[] } & Omit<AcceptInput, 'sources'>): Promise<void> {
  await withCliContext(async (ctx) => {
    const { source, json, ...rest } = options;
    const { deadline } = await acceptInboxItem(writeContext(ctx), id, { ...rest, ...(source ? { sources: source } : {}) }, { defaultZone: ctx.config.defaultZone });
    if (json) ctx.out.json(deadlineJson(deadline));
    else ctx.out.line(`Saved deadline ${deadline.id} on ${deadline.issue.slug}: ${deadline.title}, due ${dueShort(deadline)} ${deadline.zone}.`);
  });
}

export async function dismissInbox(id: string, options: Json & { reason?: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const item = await dismissInboxItem(writeContext(ctx), id, options.reason);
    if (options.json) ctx.out.json(inboxJson(item));
    else ctx.out.line(`Dismissed inbox ${item.id}; it will not be proposed again.`);
  });
}
