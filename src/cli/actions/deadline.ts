// `docket deadline …`. `add` says back what it understood before saving, because a misread date is the
// one mistake that silently sends every reminder on the wrong day.
import { createInterface } from 'node:readline/promises';
import { planDeadline, saveDeadline } from '../../usecases/create-deadline.js';
import { extendDeadline as extendDeadlineUseCase, previewExtension } from '../../usecases/extend-deadline.js';
import { deadlineJson, dueMomentOf, eventJson } from '../../usecases/json-views.js';
import { listDeadlines as listDeadlinesUseCase, showDeadline as showDeadlineUseCase } from '../../usecases/read-deadlines.js';
import { resolveDeadline as resolveDeadlineUseCase } from '../../usecases/resolve-deadline.js';
import { updateDeadline as updateDeadlineUseCase } from '../../usecases/update-deadline.js';
import { describeDue } from '../../time/describe-due.js';
import { confirmCautions, pastCaution, zoneCaution } from '../cautions.js';
import { withCliContext, withReadContext } from '../context.js';
import { deadlineHead, deadlineRows, printDeadline, printHistory } from './print-records.js';
import { writeContext } from './use-case-context.js';

interface Json {
  json?: boolean;
}

interface AddOptions extends Json {
  issue: string;
  title: string;
  due: string;
  announced?: string;
  zone?: string;
  by?: string;
  to?: string;
  source?: string[];
  offsets?: string;
  yes?: boolean;
}

export async function addDeadline(options: AddOptions): Promise<void> {
  await withCliContext(async (ctx) => {
    const write = writeContext(ctx);
    const draft = await planDeadline(
      ctx.store.db,
      {
        issue: options.issue,
        title: options.title,
        due: options.due,
        announced: options.announced,
        zone: options.zone,
        demandedBy: options.by,
        demandedOf: options.to,
        sources: options.source,
        offsets: options.offsets,
      },
      { now: write.now, defaultZone: ctx.config.defaultZone },
    );
    // With --json, stdout is for the record only; the understanding goes to stderr.
    const say = options.json ? ctx.out.note : ctx.out.line;
    say(draft.description);
    say(`Read "${draft.reading.expression}" as: ${draft.reading.reading}`);
    say(`Announced ${draft.announcedText}${draft.demandedBy || draft.demandedOf ? `; demand by ${draft.demandedBy || '?'} of ${draft.demandedOf || '?'}` : ''}`);
    const { due } = draft.reading;
    if (!(await confirmCautions([zoneCaution(options.zone), pastCaution(due.instant, due.zone, write.now)], { yes: options.yes, out: ctx.out }))) {
      ctx.out.note('Not saved.');
      return;
    }
    if (!options.yes && process.stdin.isTTY && !(await confirm('Save? [Y/n] '))) {
      ctx.out.note('Not saved.');
      return;
    }
    const deadline = await saveDeadline(write, draft);
    if (options.json) ctx.out.json(deadlineJson(deadline));
    else ctx.out.line(`Saved deadline ${deadline.id} on ${deadline.issue.slug}.`);
  });
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    return answer === '' || answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}

export async function listDeadlines(options: Json & { issue?: string; status?: string; dueBefore?: string; dueAfter?: string; zone?: string }): Promise<void> {
  await withReadContext(async (ctx) => {
    const now = ctx.clock.now();
    const deadlines = await listDeadlinesUseCase(
      ctx.reader,
      { issue: options.issue, status: options.status, dueBefore: options.dueBefore, dueAfter: options.dueAfter, zone: options.zone },
      { now, defaultZone: ctx.config.defaultZone },
    );
    if (options.json) ctx.out.json(deadlines.map(deadlineJson));
    else if (deadlines.length === 0) ctx.out.note('No deadlines match.');
    else ctx.out.table(deadlineHead, deadlineRows(deadlines, now));
  });
}

export async function showDeadline(id: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const { deadline, history } = await showDeadlineUseCase(ctx.store.db, id);
    if (options.json) {
      ctx.out.json({ ...deadlineJson(deadline), history: history.map((event) => eventJson(event, deadline.zone)) });
      return;
    }
    printDeadline(ctx.out, deadline, ctx.clock.now());
    printHistory(ctx.out, history, deadline.zone);
  });
}

export async function updateDeadline(
  id: string,
  options: Json & { title?: string; by?: string; to?: string; source?: string[]; due?: string; zone?: string; offsets?: string },
): Promise<void> {
  await withCliContext(async (ctx) => {
    const write = writeContext(ctx);
    const { deadline, changes, dueChanged } = await updateDeadlineUseCase(write, id, {
      title: options.title,
      demandedBy: options.by,
      demandedOf: options.to,
      sources: options.source,
      due: options.due,
      zone: options.zone,
      offsets: options.offsets,
    });
    const changed = [...(dueChanged ? ['due'] : []), ...Object.keys(changes)];
    if (options.json) ctx.out.json({ ...deadlineJson(deadline), changed });
    else if (changed.length === 0) ctx.out.line(`Deadline ${deadline.id} already had those values; nothing changed.`);
    else {
      ctx.out.line(`Updated deadline ${deadline.id}: ${changed.join(', ')}`);
      if (dueChanged) ctx.out.line(describeDue(dueMomentOf(deadline), { at: deadline.announcedAt, label: 'from announcement' }));
    }
  });
}

export async function extendDeadline(id: string, options: Json & { due: string; announced?: string; zone?: string; note?: string; yes?: boolean }): Promise<void> {
  await withCliContext(async (ctx) => {
    const write = writeContext(ctx);
    const input = { due: options.due, announced: options.announced, zone: options.zone, note: options.note };
    // Read first, so a bad id or date is the error, and an extension to a moment already past asks as `add` does.
    const due = await previewExtension(write, id, input);
    if (!(await confirmCautions([zoneCaution(options.zone), pastCaution(due.instant, due.zone, write.now)], { yes: options.yes, out: ctx.out }))) return ctx.out.note('Not saved.');
    const deadline = await extendDeadlineUseCase(write, id, input);
    if (options.json) ctx.out.json(deadlineJson(deadline));
    else {
      ctx.out.line(`Extended deadline ${deadline.id} (revision ${deadline.revision}).`);
      ctx.out.line(describeDue(dueMomentOf(deadline), { at: write.now, label: 'from now' }));
    }
  });
}

export async function resolveDeadline(id: string, options: Json & { status: string; note?: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const deadline = await resolveDeadlineUseCase(writeContext(ctx), id, { status: options.status, note: options.note });
    if (options.json) ctx.out.json(deadlineJson(deadline));
    else ctx.out.line(`Deadline ${deadline.id} resolved: ${deadline.status}${deadline.resolutionNote ? ` — ${deadline.resolutionNote}` : ''}.`);
  });
}
