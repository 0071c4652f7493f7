// `docket source …`: the use cases check the input; these print.
import type { Source } from '../../store/models.js';
import { AppError } from '../../errors.js';
import { claimSource } from '../../sources/claim-sources.js';
import { pollSource } from '../../sources/poll-source.js';
import { addSource as addSourceUseCase, listSources as listSourcesUseCase, removeSource as removeSourceUseCase, requireSource, setSourcePaused, sourceJson, type SourceInput } from '../../usecases/manage-sources.js';
import { inboxJson } from '../../usecases/review-inbox.js';
import { withCliContext } from '../context.js';
import type { Output } from '../output.js';
import { dueShort } from './print-records.js';
import { writeContext } from './use-case-context.js';

interface Json {
  json?: boolean;
}

export async function addSource(url: string, options: Omit<SourceInput, 'url'> & Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const source = await addSourceUseCase(writeContext(ctx), { url, ...options });
    if (options.json) ctx.out.json(sourceJson(source));
    else ctx.out.line(`Watching source ${source.id}: ${source.name} (${source.url}), every ${sourceJson(source).every}; first poll at the next tick, or now with \`docket source check ${source.id}\`.`);
  });
}

export async function listSources(options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const sources = await listSourcesUseCase(ctx.store.db);
    if (options.json) return ctx.out.json(sources.map(sourceJson));
    if (sources.length === 0) return ctx.out.note('No sources. Watch a feed with `docket source add <feed-url>`.');
    ctx.out.table(
      ['id', 'name', 'status', 'every', 'last success', 'next poll', 'last error'],
      sources.map((s) => {
        const j = sourceJson(s);
        return [s.id, s.name, s.status, j.every, j.lastSuccessAt ?? 'never', j.nextPollAt ?? '', s.lastError ? `${s.lastError}${s.failures > 1 ? ` (${s.failures} in a row)` : ''}` : ''];
      }),
    );
  });
}

export async function showSource(id: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const source = await requireSource(ctx.store.db, id);
    if (options.json) return ctx.out.json(sourceJson(source));
    printSource(ctx.out, source);
  });
}

function printSource(out: Output, source: Source): void {
  const j = sourceJson(source);
  out.heading(`Source ${source.id}: ${source.name}`);
  out.line(`Feed:          ${source.url}`);
  out.line(`Status:        ${source.status}, every ${j.every}`);
  out.line(`Issue:         ${source.issueSlug ?? '(chosen at accept)'}`);
  out.line(`Keywords:      ${j.keywords.length ? j.keywords.join(', ') : '(every item)'}`);
  out.line(`Language/zone: ${j.lang} / ${source.zone ?? 'from the text'}`);
  out.line(`Last success:  ${j.lastSuccessAt ?? 'never'}`);
  if (source.lastError) out.line(`Last error:    ${source.lastError} (${source.failures} in a row since ${j.failingSince})`);
  out.line(`Next poll:     ${j.nextPollAt ?? '(paused)'}`);
}

export async function removeSource(id: string): Promise<void> {
  await withCliContext(async (ctx) => {
    const source = await removeSourceUseCase(ctx.store.db, id);
    ctx.out.line(`No longer watching source ${source.id} (${source.name}); its inbox candidates stay.`);
  });
}

export async function pauseSource(id: string, paused: boolean): Promise<void> {
  await withCliContext(async (ctx) => {
    const source = await setSourcePaused(writeContext(ctx), id, paused);
    ctx.out.line(paused ? `Paused source ${source.id} (${source.name}).` : `Resumed source ${source.id} (${source.name}); polled at the next tick.`);
  });
}

export async function checkSource(id: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const found = await requireSource(ctx.store.db, id);
    const now = ctx.clock.now();
    // Leased like a scheduler poll, so the two never read the same feed at once.
    if (!(await claimSource(ctx.store.db, found.id, now, 10 * 60_000))) throw new AppError('conflict', `source ${found.id} is being polled by the scheduler right now; try again in a minute`, { field: 'id', value: id });
    const source = await requireSource(ctx.store.db, found.id);
    const report = await pollSource(ctx.store.db, source, { now, defaultZone: ctx.config.defaultZone });
    const added = await ctx.store.db.inboxItem.findMany({ where: { id: { in: report.added } }, orderBy: { id: 'asc' } });
    if (options.json) {
      ctx.out.json({ ...report, nextPollAt: report.nextPollAt.toISOString(), added: added.map(inboxJson) });
      return;
    }
    if (report.outcome === 'failed') {
      ctx.out.line(`Source ${source.id} (${source.name}) failed: ${report.error}. Next try ${report.nextPollAt.toISOString()}.`);
      process.exitCode = 1;
      return;
    }
    if (report.outcome === 'not-modified') ctx.out.line(`Source ${source.id}: not changed since the last poll.`);
    else ctx.out.line(`Source ${source.id}: ${report.items} item(s), ${report.read} read, ${added.length} new candidate(s)${report.linked ? `, ${report.linked} matching deadlines already tracked` : ''}.`);
    for (const item of added) ctx.out.line(`  inbox ${item.id}: ${dueShort(item)} ${item.zone} — ${item.title} (accept: docket inbox accept ${item.id})`);
  });
}
