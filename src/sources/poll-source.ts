// One poll of one source: fetch (conditionally), parse, read the items that are new or edited and match
// the keywords, then write everything in one transaction: the items seen, the new inbox candidates and
// the source's status. A failure anywhere before that writes only the failure (status, backoff), so a
// poll is never half-written and the next one starts from the same state.
import type { Source } from '../store/models.js';
import type { Language } from '../intake/types.js';
import type { Db, Tx } from '../store/open-store.js';
import { FeedFetchError, fetchFeed, feedLimits, type FeedLimits } from './fetch-feed.js';
import { matchesKeywords } from './match-keywords.js';
import { nextPollAfterFailure, nextPollAfterSuccess } from './next-poll.js';
import { FeedFormatError, parseFeed, type FeedItem } from './parse-feed.js';
import { candidateKey, readItem } from './read-item.js';
import type { FetchLimits } from '../intake/fetch-page.js';
import { sqltag as sql } from '@prisma/client/runtime/client';
import { sqlInstant } from '../store/sql-instant.js';

export interface PollOptions {
  now: Date;
  defaultZone: string;
  limits?: FeedLimits;
  pageLimits?: FetchLimits;
}

export interface PollReport {
  sourceId: number;
  outcome: 'changed' | 'not-modified' | 'failed';
  error?: string;
  items: number;
  /** Items read this time (new, or edited since). */
  read: number;
  /** Inbox candidates added / linked to a deadline already tracked. */
  added: number[];
  linked: number;
  nextPollAt: Date;
}

export async function pollSource(db: Db, source: Source, options: PollOptions): Promise<PollReport> {
  const { now } = options;
  const base = { sourceId: source.id, items: 0, read: 0, added: [] as number[], linked: 0 };
  try {
    const response = await fetchFeed(source.url, { etag: source.etag, lastModified: source.lastModified }, options.limits ?? feedLimits, now);
    if (response.kind === 'not-modified') {
      const nextPollAt = nextPollAfterSuccess(now, source.everySeconds);
      await db.source.update({ where: { id: source.id }, data: { ...succeeded(now, nextPollAt) } });
      return { ...base, outcome: 'not-modified', nextPollAt };
    }
    const items = parseFeed(response.text, response.url);
    const keywords = JSON.parse(source.keywordsJson) as string[];
    const seen = new Map((await db.sourceItem.findMany({ where: { sourceId: source.id }, select: { itemKey: true, version: true } })).map((r) => [r.itemKey, r.version]));
    const fresh = items.filter((item) => seen.get(item.key) !== item.version);
    // Read outside the transaction: linked pages are fetched here, and a transaction never waits on the network.
    const readings: Array<{ item: FeedItem; reading: Awaited<ReturnType<typeof readItem>> | undefined }> = [];
    for (const item of fresh) {
      const wanted = matchesKeywords(keywords, item.title, item.body);
      readings.push({
        item,
        reading: wanted ? await readItem(item, { now, defaultZone: options.defaultZone, ...(source.zone ? { zone: source.zone } : {}), ...(source.language ? { language: source.language as Language } : {}), ...(options.pageLimits ? { pageLimits: options.pageLimits } : {}) }) : undefined,
      });
    }
    const nextPollAt = nextPollAfterSuccess(now, source.everySeconds);
    const written = await db.$transaction(async (tx) => {
      const added: number[] = [];
      let linked = 0;
      for (const { item, reading } of readings) {
        await tx.sourceItem.upsert({
          where: { sourceId_itemKey: { sourceId: source.id, itemKey: item.key } },
          create: { sourceId: source.id, itemKey: item.key, url: item.url, title: item.title, publishedAt: item.publishedAt ?? null, version: item.version, seenAt: now },
          update: { url: item.url, title: item.title, publishedAt: item.publishedAt ?? null, version: item.version, seenAt: now },
        });
        for (const candidate of reading?.candidates ?? []) {
          const outcome = await proposeCandidate(tx, source, item, candidate, reading!.announcedAt, now);
          if (outcome.added !== undefined) added.push(outcome.added);
          if (outcome.linked) linked += 1;
        }
      }
      await tx.source.update({ where: { id: source.id }, data: { ...succeeded(now, nextPollAt), etag: response.etag, lastModified: response.lastModified } });
      return { added, linked };
    });
    return { ...base, outcome: 'changed', items: items.length, read: readings.filter((r) => r.reading).length, ...written, nextPollAt };
  } catch (error) {
    if (!(error instanceof FeedFetchError || error instanceof FeedFormatError)) throw error;
    const problem = error instanceof FeedFormatError ? `the feed ${error.message}` : error.message;
    const failures = source.failures + 1;
    const nextPollAt = nextPollAfterFailure(now, source.everySeconds, failures, error instanceof FeedFetchError ? error.retryAfterMs : undefined);
    await db.source.update({
      where: { id: source.id },
      data: { lastPolledAt: now, lastError: problem, failures, failingSince: source.failingSince ?? now, nextPollAt, leaseUntil: null, updatedAt: now },
    });
    return { ...base, outcome: 'failed', error: problem, nextPollAt };
  }
}

function succeeded(now: Date, nextPollAt: Date) {
  return { lastPolledAt: now, lastSuccessAt: now, lastError: null, failures: 0, failingSince: null, failureReportedAt: null, nextPollAt, leaseUntil: null, updatedAt: now };
}

type Candidate = Awaited<ReturnType<typeof readItem>>['candidates'][number];

/**
 * A candidate goes to the inbox once: its key (due instant + evidence) already there, from this feed or
 * another, or dismissed before, means nothing new. One that matches a deadline the issue already tracks
 * (same due instant and parties) is kept as `linked` to it, not proposed.
 */
async function proposeCandidate(tx: Tx, source: Source, item: FeedItem, candidate: Candidate, announcedAt: Date, now: Date): Promise<{ added?: number; linked?: boolean }> {
  const key = candidateKey(candidate);
  if (await tx.inboxItem.findUnique({ where: { key }, select: { id: true } })) return {};
  const dueAt = new Date(candidate.dueAt);
  const demandedBy = candidate.demandedBy ?? '';
  const demandedOf = candidate.demandedOf ?? '';
  const existing = source.issueSlug
    ? await tx.deadline.findFirst({ where: { issue: { slug: source.issueSlug }, dueAt, demandedBy, demandedOf }, select: { id: true } })
    : null;
  // ON CONFLICT DO NOTHING: another instance polling another feed may be writing the same release right
  // now; the loser adds nothing instead of failing its whole poll (on PostgreSQL an error aborts the transaction).
  const at = (instant: Date | null) => (instant ? sqlInstant(tx, instant) : sql`NULL`);
  const rows = await tx.$queryRaw<Array<{ id: number }>>(sql`
    INSERT INTO "InboxItem" ("key", "sourceId", "itemUrl", "itemTitle", "publishedAt", "title", "dueAt", "zone", "precision", "expression", "reading",
      "announcedAt", "demandedBy", "demandedOf", "evidence", "confidence", "issueSlug", "status", "deadlineId", "createdAt", "updatedAt")
    VALUES (${key}, ${source.id}, ${item.url}, ${item.title || candidate.title}, ${at(item.publishedAt ?? null)}, ${candidate.title}, ${at(dueAt)}, ${candidate.zone},
      ${candidate.precision}, ${candidate.expression}, ${candidate.reading}, ${at(announcedAt)}, ${demandedBy}, ${demandedOf}, ${candidate.evidence.text},
      ${candidate.confidence}, ${source.issueSlug}, ${existing ? 'linked' : 'new'}, ${existing?.id ?? null}, ${at(now)}, ${at(now)})
    ON CONFLICT ("key") DO NOTHING
    RETURNING "id"`);
  const row = rows[0];
  if (!row) return {};
  return existing ? { linked: true } : { added: Number(row.id) };
}
