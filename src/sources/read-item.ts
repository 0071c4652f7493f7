// One feed item through the intake reader: its full text, or the linked page when the feed gave only a
// summary, read with the item's published time as the announcement and the source's zone and language.
import { createHash } from 'node:crypto';
import { isAppError } from '../errors.js';
import { fetchPage, type FetchLimits } from '../intake/fetch-page.js';
import { findDeadlines } from '../intake/find-deadlines.js';
import { pageText } from '../intake/html-text.js';
import { decodeText, looksLikeHtml } from '../intake/decode-text.js';
import { intakeLimits } from '../intake/input-limits.js';
import type { Candidate, Language } from '../intake/types.js';
import type { FeedItem } from './parse-feed.js';

export interface ReadOptions {
  now: Date;
  defaultZone: string;
  zone?: string;
  language?: Language;
  pageLimits?: FetchLimits;
}

export interface ItemReading {
  candidates: Candidate[];
  announcedAt: Date;
  /** Set when the linked page was wanted but could not be read (the summary was read instead). */
  pageProblem?: string;
}

export async function readItem(item: FeedItem, options: ReadOptions): Promise<ItemReading> {
  let text = plain(item.body);
  let pageProblem: string | undefined;
  if (item.summaryOnly && item.url) {
    try {
      const page = await fetchPage(item.url, options.pageLimits ?? intakeLimits);
      const raw = decodeText(page.bytes, 'page', item.url);
      const body = looksLikeHtml(raw, page.contentType) ? pageText(raw).text : raw;
      if (body.trim() !== '') text = body;
    } catch (error) {
      if (!isAppError(error)) throw error;
      pageProblem = error.message;
    }
  }
  // A published time in the future (a clock skew on the feed's side) is not an announcement yet.
  const announcedAt = item.publishedAt && item.publishedAt.getTime() <= options.now.getTime() ? item.publishedAt : options.now;
  const full = item.title && !text.startsWith(item.title) ? `${item.title}\n\n${text}` : text;
  const result = findDeadlines(full, {
    now: options.now,
    defaultZone: options.defaultZone,
    announcedAt,
    ...(options.zone ? { zone: options.zone } : {}),
    ...(options.language ? { language: options.language } : {}),
  });
  return { candidates: result.candidates, announcedAt, ...(pageProblem ? { pageProblem } : {}) };
}

/** Feed bodies are often HTML fragments: their text, one paragraph per block. */
function plain(body: string): string {
  if (!/<[a-z][^>]*>/i.test(body)) return body;
  return pageText(`<html><body>${body}</body></html>`).text;
}

/** The same release and deadline, whichever feed (or edit) brought it: due instant, precision, evidence. */
export function candidateKey(candidate: Candidate): string {
  const evidence = candidate.evidence.text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(`${new Date(candidate.dueAt).toISOString()}|${candidate.precision}|${evidence}`).digest('hex').slice(0, 40);
}
