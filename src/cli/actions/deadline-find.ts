// `docket deadline find` and `docket deadline add --from`: read a news report or press release, propose
// the deadlines in it, and (for add) let the admin pick one, change any field and save it. The reader
// and the page tools load here, on first use, so other commands never pay for them.
import { createInterface } from 'node:readline/promises';
import { clockFromEnv } from '../../clock.js';
import { loadConfig } from '../../config/load-config.js';
import { AppError, invalid } from '../../errors.js';
import type { FindResult, Language } from '../../intake/types.js';
import { readInstant } from '../../time/read-due.js';
import { assertZone } from '../../time/zone.js';
import { withCliContext } from '../context.js';
import { createOutput } from '../output.js';
import { printFindResult } from './print-candidates.js';
import { confirmCautions, pastCaution, zoneCaution } from '../cautions.js';

export interface FindOptions {
  url?: string;
  announced?: string;
  zone?: string;
  lang?: string;
  /** Seconds to wait for --url (default 15). */
  timeout?: string;
  json?: boolean;
}

/** Reads the input and proposes its deadlines: the whole of `deadline find`, and step one of `add --from`. */
export async function proposeDeadlines(
  file: string | undefined,
  options: FindOptions,
  context: { now: Date; defaultZone: string; field?: string },
): Promise<{ result: FindResult; url?: string }> {
  const language = checkLanguage(options.lang);
  const zone = options.zone === undefined ? undefined : assertZone(options.zone, 'zone');
  const announcedAt = options.announced === undefined ? undefined : readAnnounced(options.announced, context.now, zone ?? context.defaultZone);
  const [{ readSource }, { findDeadlines }] = await Promise.all([import('../../intake/read-source.js'), import('../../intake/find-deadlines.js')]);
  const timeoutMs = checkTimeout(options.timeout);
  const source = await readSource({ file, url: options.url, ...(timeoutMs ? { timeoutMs } : {}), ...(context.field ? { field: context.field } : {}) });
  const result = findDeadlines(source.text, {
    now: context.now,
    defaultZone: context.defaultZone,
    metadata: source.metadata,
    ...(language ? { language } : {}),
    ...(zone ? { zone } : {}),
    ...(announcedAt ? { announcedAt } : {}),
  });
  return { result, ...(source.url ? { url: source.url } : {}) };
}

export async function findDeadline(file: string | undefined, options: FindOptions): Promise<void> {
  const config = loadConfig();
  const out = createOutput();
  const { result } = await proposeDeadlines(file, options, { now: clockFromEnv().now(), defaultZone: config.defaultZone });
  if (options.json) out.json(result);
  else printFindResult(out, result);
}

export interface AddFromOptions extends FindOptions {
  from?: string;
  pick?: string;
  issue: string;
  title?: string;
  due?: string;
  by?: string;
  to?: string;
  source?: string[];
  offsets?: string;
  yes?: boolean;
}

type Ask = (question: string, fallback: string) => Promise<string>;

export async function addDeadlineFrom(options: AddFromOptions): Promise<void> {
  await withCliContext(async (ctx) => {
    const [{ planDeadline, saveDeadline }, { deadlineJson }, { writeContext }] = await Promise.all([
      import('../../usecases/create-deadline.js'),
      import('../../usecases/json-views.js'),
      import('./use-case-context.js'),
    ]);
    const write = writeContext(ctx);
    const file = options.from === undefined || options.from === '' ? undefined : options.from;
    const { result, url } = await proposeDeadlines(file, options, { now: write.now, defaultZone: ctx.config.defaultZone, field: 'from' });
    const say = options.json ? ctx.out.note : ctx.out.line;
    printFindResult(ctx.out, result, say);
    if (result.candidates.length === 0) throw invalid(options.url ? 'url' : 'from', options.url ?? options.from, 'names no deadline Docket can read; add it with --title and --due instead');

    // On a terminal, one reader for every question, so lines typed (or pasted) ahead wait for theirs.
    // The line iterator buffers; rl.question would drop lines that arrive before it is asked.
    const rl = !options.yes && process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stderr, terminal: false }) : undefined;
    const lines = rl?.[Symbol.asyncIterator]();
    const ask: Ask | undefined =
      lines &&
      (async (question, fallback) => {
        process.stderr.write(question);
        const next = await lines.next();
        if (next.done) throw Object.assign(new Error('input ended'), { code: 'ABORT_ERR' });
        return String(next.value).trim() || fallback;
      });
    try {
      const index = await choose(result.candidates.length, options.pick, ask);
      const c = result.candidates[index]!;
      let fields = {
        title: options.title ?? c.title,
        due: options.due ?? c.expression,
        announced: options.announced ?? result.announced.at,
        zone: options.zone ?? c.zone,
        by: options.by ?? c.demandedBy ?? '',
        to: options.to ?? c.demandedOf ?? '',
      };
      if (ask) fields = await editFields(fields, ask);
      const draft = await planDeadline(
        ctx.store.db,
        {
          issue: options.issue,
          title: fields.title,
          due: fields.due,
          announced: fields.announced,
          zone: fields.zone,
          demandedBy: fields.by,
          demandedOf: fields.to,
          sources: [...(url ? [url] : []), ...(options.source ?? [])],
          offsets: options.offsets,
          evidence: c.evidence.text,
        },
        { now: write.now, defaultZone: ctx.config.defaultZone },
      );
      say('');
      say(`Candidate ${index + 1}: ${draft.title}`);
      say(draft.description);
      say(`Read "${draft.reading.expression}" as: ${draft.reading.reading}`);
      say(`Announced ${draft.announcedText}${draft.demandedBy || draft.demandedOf ? `; demand by ${draft.demandedBy || '?'} of ${draft.demandedOf || '?'}` : ''}`);
      // The same cautions as a typed `deadline add`: a legacy zone, or a deadline already past.
      const { due } = draft.reading;
      if (!(await confirmCautions([zoneCaution(due.zone), pastCaution(due.instant, due.zone, write.now)], { yes: options.yes, out: ctx.out }))) {
        ctx.out.note('Not saved.');
        return;
      }
      if (ask && !/^(y|yes)$/i.test(await ask('Save? [Y/n] ', 'y'))) {
        ctx.out.note('Not saved.');
        return;
      }
      const deadline = await saveDeadline(write, draft);
      if (options.json) ctx.out.json(deadlineJson(deadline));
      else ctx.out.line(`Saved deadline ${deadline.id} on ${deadline.issue.slug}.`);
    } catch (error) {
      // Ctrl+D or Ctrl+C at a question: nothing was saved, and that is no error.
      if ((error as { code?: string })?.code !== 'ABORT_ERR') throw error;
      ctx.out.note('\nNot saved.');
    } finally {
      rl?.close();
    }
  });
}

async function choose(count: number, pick: string | undefined, ask: Ask | undefined): Promise<number> {
  if (pick !== undefined) {
    const n = Number(pick);
    if (!/^\d+$/.test(pick.trim()) || n < 1 || n > count) throw invalid('pick', pick, `is not a candidate number: choose 1${count > 1 ? `–${count}` : ''}`);
    return n - 1;
  }
  if (count === 1) return 0;
  if (!ask) throw new AppError('usage', `${count} candidates were found; choose one with --pick N (1–${count})`, { field: 'pick' });
  for (;;) {
    const answer = await ask(`Pick a candidate [1–${count}] `, '1');
    const n = Number(answer);
    if (/^\d+$/.test(answer) && n >= 1 && n <= count) return n - 1;
    process.stderr.write(`Type a number from 1 to ${count}.\n`);
  }
}

/** Every field pre-filled; Enter keeps it. */
async function editFields<T extends Record<string, string>>(fields: T, ask: Ask): Promise<T> {
  const labels: Record<string, string> = { title: 'What is demanded', due: 'Due', announced: 'Announced', zone: 'Zone', by: 'Demanded by', to: 'Demanded of' };
  const edited: Record<string, string> = { ...fields };
  for (const key of Object.keys(fields)) edited[key] = await ask(`${labels[key] ?? key} [${fields[key]}]: `, fields[key]!);
  return edited as T;
}

function checkLanguage(value: string | undefined): Language | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (value === 'en' || value === 'ja' || value === 'ko') return value;
  throw invalid('lang', value, 'is not a language Docket reads: auto, en, ja or ko');
}

function checkTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300) throw invalid('timeout', value, 'is not a number of seconds between 0 and 300');
  return Math.round(seconds * 1000);
}

function readAnnounced(value: string, now: Date, zone: string): Date {
  const at = readInstant(value, { now, zone, field: 'announced' });
  if (at.getTime() > now.getTime()) throw invalid('announced', value, 'is in the future');
  return at;
}
