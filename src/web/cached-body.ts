// Feed bodies are built once per data version and kept as bytes with a strong ETag, plus a gzip copy
// made once (calendar apps and feed readers ask for gzip; a 500-deadline calendar shrinks ~25×). A
// client that sends the ETag back (If-None-Match) gets 304 and no body.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CachedBody {
  body: Buffer;
  etag: string;
  /** Built on first use. */
  gzipped?: Buffer;
}

// Below this, compression saves less than it costs.
const minGzipBytes = 1024;

export function cachedBody(text: string): CachedBody {
  const body = Buffer.from(text, 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** RFC 9110: If-None-Match is a list of entity tags (compared weakly) or `*`. */
export function matchesEtag(header: string | undefined, ...etags: string[]): boolean {
  if (header === undefined || header === '') return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => etags.includes(tag.trim().replace(/^W\//, '')));
}

/** gzip unless the client refuses it (`gzip;q=0`) or never mentioned it. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

function gzipEtag(etag: string): string {
  return `${etag.slice(0, -1)}-gz"`;
}

export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedBody,
  headers: { type: string; cacheControl: string; disposition?: string },
): FastifyReply {
  const gzip = cached.body.length >= minGzipBytes && acceptsGzip(request.headers['accept-encoding']);
  // Each representation has its own strong ETag (RFC 9110 §8.8.3); either one revalidates.
  const etag = gzip ? gzipEtag(cached.etag) : cached.etag;
  reply.header('etag', etag).header('cache-control', headers.cacheControl).header('vary', 'Accept-Encoding');
  if (matchesEtag(request.headers['if-none-match'], cached.etag, gzipEtag(cached.etag))) return reply.code(304).send();
  if (headers.disposition) reply.header('content-disposition', headers.disposition);
  reply.type(headers.type);
  if (!gzip) return reply.send(cached.body);
  cached.gzipped ??= gzipSync(cached.body, { level: 6 });
  return reply.header('content-encoding', 'gzip').send(cached.gzipped);
}
