// A real HTTP server on loopback for the --url tests: a page, a 500, a redirect loop, a body that never
// stops at 20 MB, and a request that never gets an answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamBytes } from '../../support/stream-bytes.js';

export interface PageServer {
  url: (path: string) => string;
  close: () => Promise<void>;
}

export async function startPageServer(pages: Record<string, { type: string; body: string }>): Promise<PageServer> {
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const page = pages[path];
    if (page) {
      res.writeHead(200, { 'content-type': page.type });
      res.end(page.body);
    } else if (path === '/error') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    } else if (path.startsWith('/loop')) {
      res.writeHead(302, { location: path === '/loop' ? '/loop2' : '/loop' });
      res.end();
    } else if (path === '/moved') {
      res.writeHead(301, { location: '/article' });
      res.end();
    } else if (path === '/huge') {
      // 20 MB, sent in chunks and without a length, as a streaming server would.
      res.writeHead(200, { 'content-type': 'text/html' });
      streamBytes(res, 20 * 1024 * 1024);
    } else if (path === '/slow') {
      hanging.add(res); // never answered
    } else if (path === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.7');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const seedHtml = (text: string): string => `<!doctype html>
<html><head><title>Korea export control | Example News</title>
<meta property="article:published_time" content="2020-05-12T09:38:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2020-05-12T09:38:00Z"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>Korea export control</h1>
${text.split(/\n\s*\n/).map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n')}
</article>
<aside>Most read: Markets close higher by the end of the session. Sign up by Friday for our newsletter.</aside>
<footer>© Example News</footer>
</body></html>`;
