// Cached reads for public pages and feeds: the snapshot for a fingerprint is built once and shared by
// every request until the fingerprint moves (see fresh-cache.ts).
import type { WebContext } from './context.js';
import { issueFingerprint, isSlug, loadIssueSnapshot, loadOpenIssues, siteFingerprint, type IssueSnapshot, type OpenIssue } from './public-data.js';

export interface Versioned<T> {
  value: T;
  fingerprint: string;
}

/** The whole site's fingerprint (any issue, deadline or event). */
export async function siteVersion(ctx: WebContext): Promise<string> {
  return (await ctx.cache.fingerprint('site', () => siteFingerprint(ctx.store.db)))!;
}

export async function issueVersion(ctx: WebContext, slug: string): Promise<string | null> {
  if (!isSlug(slug)) return null;
  return ctx.cache.fingerprint(`issue:${slug}`, () => issueFingerprint(ctx.store.db, slug));
}

export async function openIssues(ctx: WebContext): Promise<Versioned<OpenIssue[]>> {
  const fingerprint = await siteVersion(ctx);
  return { value: await ctx.cache.value('open-issues', fingerprint, () => loadOpenIssues(ctx.store.db)), fingerprint };
}

export async function issueSnapshot(ctx: WebContext, slug: string): Promise<Versioned<IssueSnapshot> | null> {
  const fingerprint = await issueVersion(ctx, slug);
  if (fingerprint === null) return null;
  const value = await ctx.cache.value(`issue:${slug}`, fingerprint, () => loadIssueSnapshot(ctx.store.db, slug));
  return value === null ? null : { value, fingerprint };
}

