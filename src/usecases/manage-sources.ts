// `docket source add | list | show | remove | pause | resume` and the admin API's /api/sources: the feeds
// Docket watches. Inputs are checked here, once, for the CLI and the API alike.
import { Duration } from 'luxon';
import { AppError, invalid, notFound } from '../errors.js';
import type { Source } from '../store/models.js';
import { languages, type Language } from '../intake/types.js';
import { checkHttpUrl } from '../intake/fetch-page.js';
import { splitKeywords } from '../sources/match-keywords.js';
import type { Db, Tx } from '../store/open-store.js';
import { isoInZone } from '../time/format.js';
import { assertZone } from '../time/zone.js';
import { checkSlug, checkText, conflict, isUniqueViolation } from './check-input.js';
import type { WriteContext } from './write-context.js';

export interface SourceInput {
  url: string;
  name?: string;
  issue?: string;
  keywords?: string;
  every?: string;
  lang?: string;
  zone?: string;
}

/** Polls no more often than every 5 minutes (feeds are cached upstream anyway) and at least weekly. */
export const everyLimits = { minSeconds: 300, maxSeconds: 7 * 86_400, defaultSeconds: 1800 } as const;

export async function addSource(ctx: WriteContext, input: SourceInput): Promise<Source> {
  const url = checkHttpUrl(typeof input.url === 'string' ? input.url.trim() : String(input.url), 'feedUrl').href;
  const name = input.name === undefined ? new URL(url).host : checkText(input.name, 'name', { max: 200, required: true });
  const issueSlug = input.issue === undefined ? null : checkSlug(input.issue, 'issue');
  const keywords = input.keywords === undefined ? [] : checkKeywords(input.keywords);
  const everySeconds = input.every === undefined ? everyLimits.defaultSeconds : checkEvery(input.every);
  const language = input.lang === undefined || input.lang === 'auto' ? null : checkLanguage(input.lang);
  const zone = input.zone === undefined ? null : assertZone(input.zone, 'zone');
  if (issueSlug && !(await ctx.db.trackedIssue.findUnique({ where: { slug: issueSlug } }))) {
    throw new AppError('not_found', `no issue "${issueSlug}" (create it first with \`docket issue add ${issueSlug} --title …\`)`, { field: 'issue', value: issueSlug });
  }
  try {
    return await ctx.db.source.create({
      data: { url, name, issueSlug, keywordsJson: JSON.stringify(keywords), everySeconds, language, zone, nextPollAt: firstPoll(ctx.now), createdAt: ctx.now, updatedAt: ctx.now },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`the feed ${url} is already watched (see \`docket source list\`)`, 'feedUrl', url);
    throw error;
  }
}

export function checkEvery(value: string): number {
  const duration = Duration.fromISO(value.trim().toUpperCase());
  const seconds = duration.isValid ? duration.as('seconds') : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) throw invalid('every', value, 'is not an ISO 8601 duration such as PT30M, PT2H or P1D');
  if (seconds < everyLimits.minSeconds || seconds > everyLimits.maxSeconds) throw invalid('every', value, 'must be between PT5M and P7D');
  return Math.round(seconds);
}

function checkKeywords(value: string): string[] {
  const keywords = splitKeywords(value);
  if (keywords.length === 0) throw invalid('keywords', value, 'names no keyword; give a comma-separated list such as "export control,輸出管理,수출규제"');
  if (keywords.length > 50 || keywords.some((k) => k.length > 100)) throw invalid('keywords', value, 'is too long: at most 50 keywords of up to 100 characters');
  return keywords;
}

function checkLanguage(value: string): Language {
  if ((languages as readonly string[]).includes(value)) return value as Language;
  throw invalid('lang', value, 'is not a language Docket reads: auto, en, ja or ko');
}

export function checkSourceId(value: string | number, field = 'id'): number {
  const text = String(value).trim().replace(/^#/, '');
  const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw invalid(field, value, 'is not a source id (a whole number, as shown by `docket source list`)');
  return id;
}

export async function requireSource(db: Tx, value: string | number): Promise<Source> {
  const source = await db.source.findUnique({ where: { id: checkSourceId(value) } });
  if (!source) throw notFound('source', value);
  return source;
}

export async function listSources(db: Db): Promise<Source[]> {
  return db.source.findMany({ orderBy: { id: 'asc' } });
}

export async function removeSource(db: Db, value: string | number): Promise<Source> {
  const source = await requireSource(db, value);
  await db.source.delete({ where: { id: source.id } });
  return source;
}

export async function setSourcePaused(ctx: WriteContext, value: string | number, paused: boolean): Promise<Source> {
  const source = await requireSource(ctx.db, value);
  // Resuming polls at once: a source paused for a week is a week behind.
  return ctx.db.source.update({
    where: { id: source.id },
    data: { status: paused ? 'paused' : 'active', ...(paused ? {} : { nextPollAt: firstPoll(ctx.now), failures: 0 }), updatedAt: ctx.now },
  });
}

export interface SourceJson {
  id: number;
  url: string;
  name: string;
  issue: string | null;
  keywords: string[];
  every: string;
  lang: string;
  zone: string | null;
  status: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  failures: number;
  failingSince: string | null;
  nextPollAt: string | null;
}

export function sourceJson(source: Source): SourceJson {
  const at = (d: Date | null) => (d ? isoInZone(d, 'UTC') : null);
  return {
    id: source.id,
    url: source.url,
    name: source.name,
    issue: source.issueSlug,
    keywords: JSON.parse(source.keywordsJson) as string[],
    every: Duration.fromObject({ seconds: source.everySeconds }).rescale().toISO() ?? `PT${source.everySeconds}S`,
    lang: source.language ?? 'auto',
    zone: source.zone,
    status: source.status,
    lastPolledAt: at(source.lastPolledAt),
    lastSuccessAt: at(source.lastSuccessAt),
    lastError: source.lastError,
    failures: source.failures,
    failingSince: at(source.failingSince),
    nextPollAt: source.status === 'paused' ? null : at(source.nextPollAt),
  };
}

/**
 * Due from the start of the current minute: the next tick polls it, even a `docket tick` run at the same
 * replayed moment (`DOCKET_NOW` restarts every command's clock there, so `now` itself would lie a few
 * milliseconds after that tick's).
 */
function firstPoll(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}
