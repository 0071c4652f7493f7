// Public pages are rendered once per data version and clock minute (countdowns move with the clock, so a
// rendered page is good for at most a minute) and then served from memory. Pages with a form carry a
// CSRF token tied to each visitor's cookie: they are rendered with a random slot where the token goes,
// split there, and joined with the visitor's token at send time.
import { randomBytes } from 'node:crypto';
import type { WebContext } from './context.js';
import { renderPage, type PageData } from './render-page.js';

// Random per process, so no text an admin typed into an issue can collide with it.
const csrfSlot = `csrf-${randomBytes(12).toString('hex')}`;

export interface CachedPage {
  /** UTF-8 already: a 150 KB page re-encoded on every request cost more than everything else. */
  parts: Buffer[];
}

export function minuteOf(now: Date): number {
  return Math.floor(now.getTime() / 60_000);
}

export function cachedPage(
  ctx: WebContext,
  key: string,
  fingerprint: string,
  now: Date,
  build: (csrf: string) => { template: string; data: PageData },
): Promise<CachedPage> {
  return ctx.cache.value(`page:${key}`, `${fingerprint}|${minuteOf(now)}`, () => {
    const { template, data } = build(csrfSlot);
    return { parts: renderPage(template, data).split(csrfSlot).map((part) => Buffer.from(part, 'utf8')) };
  });
}

export function fillPage(page: CachedPage, csrf: () => string): Buffer {
  if (page.parts.length === 1) return page.parts[0]!;
  const token = Buffer.from(csrf(), 'utf8');
  const pieces: Buffer[] = [];
  page.parts.forEach((part, index) => {
    if (index > 0) pieces.push(token);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}
