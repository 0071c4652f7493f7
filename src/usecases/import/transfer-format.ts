// The file format shared by `docket import` and `docket export` (docs/cli.md, "Import and export"): what
// export writes, import reads back, so moving a store (SQLite → PostgreSQL) or re-running an import is
// safe. Records are matched on natural keys, never on database ids, which differ between stores.
import { DateTime } from 'luxon';

/** Written by export; import accepts files without it (hand-written) or with this value. */
export const transferVersion = 1;

export interface DeadlineRecord {
  /** Natural key; default `<issue slug>/<title>/<announced date>` (see deadlineKey). */
  key?: string;
  title: string;
  /** An expression read like `--due`, or, when `expression` is given, the exact ISO instant with offset. */
  due: string;
  /** With `expression`: what `due` means: instant, day or month. */
  precision?: string;
  /** The original wording of the date. Given (as export writes it), `due` is taken as is and not re-read. */
  expression?: string;
  announced?: string;
  zone?: string;
  by?: string;
  to?: string;
  sources?: string[];
  status?: string;
  resolutionNote?: string | null;
  offsets?: string[] | null;
}

export interface IssueRecord {
  slug: string;
  title?: string;
  summary?: string;
  parties?: string[];
  tags?: string[];
  sources?: string[];
  status?: string;
  offsets?: string[] | null;
  deadlines?: DeadlineRecord[];
}

/** An issue slug (the whole issue) or one deadline of it, named by the deadline's key. */
export type SubscriptionRecord = string | { issue: string; deadline?: string | null };

export interface SubscriberRecord {
  email: string;
  zone?: string;
  delivery?: string;
  /** Weekly digests' day, mon … sun (default mon); written by export when it is not the default. */
  weekday?: string;
  /** The reminders they get, of 7d, 1d, due, overdue (default all); written by export when not all. */
  reminders?: string[];
  /** Default true: an admin importing an address vouches for it, as with `subscriber add`. */
  confirmed?: boolean;
  subscriptions?: SubscriptionRecord[];
}

export interface TransferDocument {
  version?: number;
  exportedAt?: string;
  issues: IssueRecord[];
  subscribers?: SubscriberRecord[];
}

export const documentFields = ['version', 'exportedAt', 'issues', 'subscribers'] as const;
export const issueFields = ['slug', 'title', 'summary', 'parties', 'tags', 'sources', 'status', 'offsets', 'deadlines'] as const;
export const deadlineFields = ['key', 'title', 'due', 'precision', 'expression', 'announced', 'zone', 'by', 'to', 'sources', 'status', 'resolutionNote', 'offsets'] as const;
export const subscriberFields = ['email', 'zone', 'delivery', 'weekday', 'reminders', 'confirmed', 'subscriptions'] as const;
export const subscriptionFields = ['issue', 'deadline'] as const;

/** One row per deadline. `id` and `dueAt` are written by export for people and spreadsheets; import ignores them. */
export const csvColumns = ['issue', 'issue_title', 'title', 'due', 'announced', 'zone', 'by', 'to', 'sources', 'status', 'id', 'dueAt', 'precision', 'expression', 'key', 'resolution_note'] as const;
export type CsvColumn = (typeof csvColumns)[number];
export const requiredCsvColumns: readonly CsvColumn[] = ['issue', 'title', 'due'];

/**
 * The natural key of a deadline that has no explicit one: `<issue slug>/<title>/<announced date>`, the date
 * being the announcement's calendar day in the deadline's zone. Without an announcement (it then defaults
 * to the moment of import) the date is left out, so importing the same file tomorrow still matches.
 */
export function deadlineKey(slug: string, title: string, announced: { at: Date; zone: string } | null): string {
  if (announced === null) return `${slug}/${title}`;
  return `${slug}/${title}/${DateTime.fromJSDate(announced.at, { zone: announced.zone }).toISODate() ?? announced.at.toISOString().slice(0, 10)}`;
}

export interface KeyedDeadlineRow {
  importKey: string | null;
  title: string;
  announcedAt: Date;
  zone: string;
}

/**
 * The keys of one issue's stored deadlines, given in id order: the import key when there is one, else the
 * derived key. Two deadlines added by hand with the same title on the same day would share a derived key,
 * so later ones get " #2", " #3": export and import both call this, so they agree on every key.
 */
export function assignDeadlineKeys(slug: string, rows: readonly KeyedDeadlineRow[]): string[] {
  const taken = new Set(rows.flatMap((row) => (row.importKey === null ? [] : [row.importKey])));
  return rows.map((row) => {
    if (row.importKey !== null) return row.importKey;
    const base = deadlineKey(slug, row.title, { at: row.announcedAt, zone: row.zone });
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base} #${n}`;
    taken.add(key);
    return key;
  });
}

/**
 * CSV holds a list of sources in one cell, `;`-separated. Every source is an http(s) URL, so only a `;`
 * followed by `http://` or `https://` separates two; one inside a URL (`?a=1;b=2`) stays part of it.
 */
export function joinSources(sources: readonly string[]): string {
  return sources.join(';');
}

export function splitSources(cell: string): string[] {
  return cell.split(/;(?=\s*https?:\/\/)/i).map((url) => url.trim()).filter((url) => url !== '');
}
