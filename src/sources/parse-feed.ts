// A feed's bytes in, its items out: RSS 2.0, Atom, RDF or JSON Feed, read by @extractus/feed-extractor
// from text Docket fetched itself (so its own limits apply). Each item keeps what the reader needs:
// a stable key (GUID, else URL), the full text when the feed carries it, and its dates.
import { createHash } from 'node:crypto';
import { extractFromJson, extractFromXml, type FeedEntry } from '@extractus/feed-extractor';

export interface FeedItem {
  /** GUID / Atom id / JSON Feed id, else the URL. */
  key: string;
  url: string;
  title: string;
  /** The item's own words: its full content when the feed has it, else its summary (HTML or text). */
  body: string;
  /** True when the feed gave only a summary: the linked page is then read instead. */
  summaryOnly: boolean;
  publishedAt: Date | undefined;
  /** The updated date, else a hash of title and body: a new version means the item was edited. */
  version: string;
}

export class FeedFormatError extends Error {}

type ExtraFields = Record<string, unknown> & Extra;

interface Extra {
  rawContent?: unknown;
  rawSummary?: unknown;
  rawPublished?: unknown;
  rawUpdated?: unknown;
  rawGuid?: unknown;
  rawLinks?: unknown;
}

export function parseFeed(text: string, baseUrl: string): FeedItem[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const options = {
    descriptionMaxLen: 0,
    baseUrl,
    getExtraEntryFields: (raw: Record<string, unknown>): ExtraFields => ({
      // RSS content:encoded, Atom content, JSON Feed content_html / content_text: the full text.
      rawContent: raw['content:encoded'] ?? raw.content ?? raw.content_html ?? raw.content_text,
      rawSummary: raw.description ?? raw.summary,
      rawPublished: raw.pubDate ?? raw.published ?? raw.date_published ?? raw.issued ?? raw['dc:date'],
      rawUpdated: raw.updated ?? raw.modified ?? raw.date_modified,
      rawGuid: raw.guid ?? raw.id,
      rawLinks: raw.link,
    }),
  };
  let entries: FeedEntry[];
  try {
    if (trimmed.startsWith('{')) {
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(trimmed) as Record<string, unknown>;
      } catch (error) {
        throw new FeedFormatError(`is not valid JSON (${(error as Error).message})`);
      }
      if (typeof json.version !== 'string' || !json.version.includes('jsonfeed.org') || !Array.isArray(json.items)) throw new FeedFormatError('is JSON but not a JSON Feed (no version and items)');
      entries = extractFromJson(json, options).entries ?? [];
    } else {
      entries = extractFromXml(trimmed, options).entries ?? [];
    }
  } catch (error) {
    if (error instanceof FeedFormatError) throw error;
    throw new FeedFormatError(/well-formed/i.test((error as Error).message) ? 'is not well-formed XML' : 'is neither RSS, Atom nor JSON Feed');
  }
  return entries.map((entry) => toItem(entry as FeedEntry & Extra, baseUrl)).filter((item): item is FeedItem => item !== undefined);
}

function toItem(entry: FeedEntry & Extra, baseUrl: string): FeedItem | undefined {
  const url = atomAlternate(entry.rawLinks, baseUrl) ?? entry.link ?? '';
  const guid = textOf(entry.rawGuid).trim();
  const key = guid || url;
  if (!key) return undefined;
  const content = textOf(entry.rawContent).trim();
  const summary = textOf(entry.rawSummary).trim();
  const body = content || summary;
  const title = textOf(entry.title).trim();
  const updated = dateOf(entry.rawUpdated);
  return {
    key,
    url,
    title,
    body,
    summaryOnly: content === '',
    publishedAt: dateOf(entry.rawPublished) ?? updated,
    version: updated ? `updated:${updated.toISOString()}` : `hash:${createHash('sha256').update(`${title}\n${body}`).digest('hex').slice(0, 32)}`,
  };
}

/**
 * An Atom entry's page is its rel="alternate" link (a link without rel is one, RFC 4287 §4.2.7.2),
 * preferring HTML; the parser takes the first link of any kind, which may be "related" or "enclosure".
 * Relative links are read against the feed's URL. RSS and JSON Feed items have one link: undefined.
 */
function atomAlternate(links: unknown, baseUrl: string): string | undefined {
  const list = (Array.isArray(links) ? links : [links]).filter((link): link is Record<string, unknown> => typeof link === 'object' && link !== null && typeof (link as Record<string, unknown>)['@_href'] === 'string');
  const alternates = list.filter((link) => (link['@_rel'] ?? 'alternate') === 'alternate');
  const chosen = alternates.find((link) => link['@_type'] === undefined || link['@_type'] === 'text/html') ?? alternates[0];
  if (!chosen) return undefined;
  try {
    return new URL(String(chosen['@_href']), baseUrl).href;
  } catch {
    return undefined;
  }
}

/** XML text nodes come as strings, or objects with `#text` (attributes beside), or arrays of either. */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object' && '#text' in value) return textOf((value as Record<string, unknown>)['#text']);
  return '';
}

function dateOf(value: unknown): Date | undefined {
  const text = textOf(value).trim();
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
