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

it("takes an Atom entry's rel=alternate link (HTML first), not its first link, read against the feed's URL", () => {
  const entry = (id: string, links: string) => `<entry><title>Export control notice ${id}</title><id>urn:notice:${id}</id><updated>2020-05-12T09:00:00Z</updated>${links}<summary>Notice</summary></entry>`;
  const feed =
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ministry</title><id>urn:ministry</id><updated>2020-05-12T09:00:00Z</updated>' +
    entry('1', '<link rel="related" href="https://press.example.org/related"/><link rel="enclosure" href="/notice-1.pdf"/><link rel="alternate" type="text/html" href="/releases/1"/>') +
    entry('2', '<link rel="alternate" type="application/pdf" href="/releases/2.pdf"/><link href="/releases/2"/>') +
    entry('3', '<link rel="alternate" type="application/pdf" href="https://gov.example.org/releases/3.pdf"/>') +
    '</feed>';
  const items = parseFeed(feed, 'https://gov.example.org/feeds/press.atom');
  expect(items.map((item) => [item.key, item.url])).toEqual([
    ['urn:notice:1', 'https://gov.example.org/releases/1'],
    // No rel means alternate (RFC 4287); no type is taken as a page before a PDF.
    ['urn:notice:2', 'https://gov.example.org/releases/2'],
    ['urn:notice:3', 'https://gov.example.org/releases/3.pdf'],
  ]);
});
