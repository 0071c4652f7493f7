// A feed server on loopback for the watched-sources tests. Routes are set per test (`serve`), so one test
// can edit a feed, answer 304, fail, or stall. Fixtures carry {{BASE}} for the server's own address.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../../support/run-cli.js';
import { streamBytes } from '../../support/stream-bytes.js';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  base: string;
  url(path: string): string;
  serve(path: string, route: Route): void;
  /** Requests seen per path, with their conditional headers. */
  hits(path: string): Array<{ ifNoneMatch?: string; ifModifiedSince?: string }>;
  close(): Promise<void>;
}

export function fixture(name: string, base: string): string {
  return readFileSync(path.join(projectRoot, 'test', 'fixtures', 'feeds', name), 'utf8').replaceAll('{{BASE}}', base);
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const seen = new Map<string, Array<{ ifNoneMatch?: string; ifModifiedSince?: string }>>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const at = (req.url ?? '/').split('?')[0]!;
    const list = seen.get(at) ?? [];
    list.push({ ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}), ...(req.headers['if-modified-since'] ? { ifModifiedSince: String(req.headers['if-modified-since']) } : {}) });
    seen.set(at, list);
    const route = routes.get(at);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (route === stall) hanging.add(res);
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (p) => `${base}${p}`,
    serve: (p, route) => void routes.set(p, route),
    hits: (p) => seen.get(p) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A feed body with an ETag and Last-Modified; a request carrying that ETag gets 304. */
export function feed(body: () => string, type = 'application/rss+xml; charset=utf-8', etag = '"v1"'): Route {
  return (req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': type, etag, 'last-modified': 'Tue, 12 May 2020 10:05:00 GMT' });
    res.end(body());
  };
}

export const page = (body: () => string): Route => (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body());
export const status = (code: number, headers: Record<string, string> = {}): Route => (_req, res) => void res.writeHead(code, headers).end(`HTTP ${code}`);
export const stall: Route = () => undefined;

/** 20 MB streamed without a length. */
export const huge: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  streamBytes(res, 20 * 1024 * 1024);
};

/** 50 KB on the wire that inflate to 50 MB. */
const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '), { level: 9 });
export const gzipBomb: Route = (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb);

export const redirectLoop = (a: string, b: string): Route => (req, res) => void res.writeHead(302, { location: (req.url ?? '').startsWith(a) ? b : a }).end();
