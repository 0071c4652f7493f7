// Fetching a feed: http and https only, one timeout over the whole exchange (body included), at most five
// redirects (each checked like the first), a conditional GET from the last ETag / Last-Modified, and a
// size cap counted on the decoded body, so a gzip bomb is cut off like any body that is too long.
// Every failure is a FeedFetchError with a one-line reason for `source list`; 429/503 carry Retry-After.
import { checkHttpUrl } from '../intake/fetch-page.js';
import { megabytes } from '../intake/input-limits.js';

export interface FeedLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const feedLimits: FeedLimits = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

export type FeedResponse =
  | { kind: 'not-modified' }
  | { kind: 'body'; text: string; url: string; etag: string | null; lastModified: string | null };

export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export async function fetchFeed(value: string, validators: { etag?: string | null; lastModified?: string | null }, limits: FeedLimits = feedLimits, now = new Date()): Promise<FeedResponse> {
  let url = checkHttpUrl(value, 'feed URL');
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1',
    'user-agent': 'Docket (watched sources)',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers }).catch((error: unknown) => {
        // A kept-alive connection the server closed just as it was reused: a GET is safe to send again, once.
        if (signal.aborted || !/ECONNRESET|UND_ERR_SOCKET|other side closed/.test(networkReason(error))) throw error;
        return fetch(url, { redirect: 'manual', signal, headers });
      });
    } catch (error) {
      throw new FeedFetchError(signal.aborted ? `no answer within ${limits.timeoutMs / 1000} s` : `could not be fetched (${networkReason(error)})`);
    }
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && response.headers.has('location')) {
      await response.body?.cancel();
      if (hop >= limits.maxRedirects) throw new FeedFetchError(`redirected more than ${limits.maxRedirects} times (last to ${response.headers.get('location')})`);
      try {
        url = checkHttpUrl(new URL(response.headers.get('location')!, url).href, 'redirect');
      } catch (error) {
        throw new FeedFetchError(`redirected to a URL Docket will not fetch (${(error as Error).message})`);
      }
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const retryAfterMs = retryAfter(response.headers.get('retry-after'), now);
      throw new FeedFetchError(`answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${retryAfterMs !== undefined ? ` (retry after ${Math.round(retryAfterMs / 1000)} s)` : ''}`, retryAfterMs);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes && !response.headers.has('content-encoding')) {
      await response.body?.cancel();
      throw new FeedFetchError(tooLarge(limits.maxBytes));
    }
    const bytes = await readCapped(response, limits, signal);
    return { kind: 'body', text: decodeFeed(bytes, response.headers.get('content-type')), url: url.href, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  }
}

async function readCapped(response: Response, limits: FeedLimits, signal: AbortSignal): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new FeedFetchError(tooLarge(limits.maxBytes));
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    throw new FeedFetchError(signal.aborted ? `did not finish sending the feed within ${limits.timeoutMs / 1000} s` : `broke off while sending the feed (${networkReason(error)})`);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (max: number) => `sent more than ${megabytes(max)} (decoded); Docket reads feeds up to ${megabytes(max)}`;

/** Retry-After: seconds, or an HTTP date. */
export function retryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Feeds are often not UTF-8 (Japanese ministries still publish Shift_JIS, Korean sites EUC-KR): the charset
 * of the Content-Type, else the XML declaration's encoding, else UTF-8 (a BOM wins over both).
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
  const declared = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  const label = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8' : (declared ?? 'utf-8');
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new FeedFetchError(`declares an encoding Docket cannot read (${label})`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new FeedFetchError(`is not valid ${label} text`);
  }
}
