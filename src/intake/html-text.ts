// The main text of a saved or fetched page, found by Mozilla's Readability (Firefox Reader View) on a
// linkedom document, one paragraph per block; and what the page says about its own publication
// (article:published_time, <time datetime>, JSON-LD datePublished), read before Readability edits the DOM.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { PageMetadata } from './types.js';

export function pageText(html: string): { text: string; metadata: PageMetadata } {
  const { document } = parseHTML(html);
  const metadata = pageMetadata(document);
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const body = article?.content ? blocksOf(parseHTML(`<html><body>${article.content}</body></html>`).document) : blocksOf(document);
  const title = article?.title?.trim() || metadata.title;
  const text = [title, body].filter((part) => part && part.trim() !== '').join('\n\n');
  return { text, metadata: { ...metadata, ...(title ? { title } : {}) } };
}

function blocksOf(document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>; body?: { textContent: string | null } | null }): string {
  const blocks = Array.from(document.querySelectorAll('p, h1, h2, h3, h4, li, blockquote, pre'))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '');
  if (blocks.length > 0) return blocks.join('\n\n');
  return (document.body?.textContent ?? '').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n\n').trim();
}

function pageMetadata(document: ReturnType<typeof parseHTML>['document']): PageMetadata {
  const attr = (selector: string, name: string): string | undefined => document.querySelector(selector)?.getAttribute(name)?.trim() || undefined;
  const publishedAt =
    attr('meta[property="article:published_time"]', 'content') ??
    attr('meta[name="article:published_time"]', 'content') ??
    jsonLdPublished(document) ??
    attr('time[datetime]', 'datetime');
  const title = attr('meta[property="og:title"]', 'content') ?? (document.querySelector('title')?.textContent?.trim() || undefined);
  return { ...(publishedAt && !Number.isNaN(Date.parse(publishedAt)) ? { publishedAt } : {}), ...(title ? { title } : {}) };
}

function jsonLdPublished(document: ReturnType<typeof parseHTML>['document']): string | undefined {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]')) as Array<{ textContent: string | null }>) {
    try {
      const found = findPublished(JSON.parse(script.textContent ?? ''));
      if (found) return found;
    } catch {
      // A page's broken JSON-LD is ignored, as browsers do.
    }
  }
  return undefined;
}

function findPublished(value: unknown, depth = 0): string | undefined {
  if (depth > 4 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return value.map((v) => findPublished(v, depth + 1)).find(Boolean);
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === 'string') return record.datePublished;
  return findPublished(record['@graph'], depth + 1);
}
