// Feeds come from servers Docket does not control: a feed that declares nested XML entities (the
// "billion laughs") must not make the parser expand them into gigabytes.
import { expect, it } from 'vitest';
import { parseFeed } from '../../src/sources/parse-feed.js';

it('does not expand nested entities a feed declares (billion laughs)', () => {
  const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
  const feed = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${levels}]><rss version="2.0"><channel><title>Ministry</title>` +
    '<item><title>&l9; export control</title><link>https://example.org/1</link><description>Export control notice</description></item></channel></rss>';
  const items = parseFeed(feed, 'https://example.org/feed.xml');
  // Fully expanded, the title alone would be 3 × 10⁹ characters.
  expect(items.every((item) => item.title.length < 1_000 && item.body.length < 1_000)).toBe(true);
  expect(items.map((item) => item.url)).toEqual(['https://example.org/1']);
});
