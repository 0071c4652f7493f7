// Fetching a page for `--url`: http and https only, a timeout on every request (body included), at most
// five redirects (each one checked like the first), and a size cap enforced while reading, so a page
// that never ends cannot fill memory. Network failures are `unavailable` (exit 1); a URL or a page
// Docket will not read is a validation error (exit 2).
import { AppError, fieldMessage, invalid } from '../errors.js';
import { intakeLimits, megabytes } from './input-limits.js';

export interface FetchedPage {
  bytes: Uint8Array;
  contentType: string | undefined;
  url: string;
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export function checkHttpUrl(value: string, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(field, value, 'is not a URL (e.g. https://www.example.org/news/123)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(field, value, `uses ${url.protocol.replace(/:$/, '')}; only http and https pages are fetched`);
  return url;
}

export async function fetchPage(value: string, limits: FetchLimits = intakeLimits): Promise<FetchedPage> {
  let url = checkHttpUrl(value);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const down = (problem: string, cause?: unknown) => new AppError('unavailable', fieldMessage('url', value, problem), { field: 'url', value, problem, cause });
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'text/html, text/plain;q=0.9, */*;q=0.1', 'user-agent': 'Docket (deadline intake)' } });
    } catch (error) {
      throw signal.aborted ? down(`did not answer within ${limits.timeoutMs / 1000} s`, error) : down(`could not be fetched (${networkReason(error)})`, error);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      if (hop >= limits.maxRedirects) throw down(`redirected more than ${limits.maxRedirects} times (last to ${response.headers.get('location')}); open it in a browser, save the page and give the file`);
      url = checkHttpUrl(new URL(response.headers.get('location')!, url).href, 'redirectUrl');
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw down(`answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const contentType = response.headers.get('content-type') ?? undefined;
    if (contentType && !/^(?:text\/|application\/(?:xhtml\+)?xml)/i.test(contentType)) {
      await response.body?.cancel();
      throw invalid('url', value, `is not a web page or text (content-type ${contentType})`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(value, limits.maxBytes);
    }
    return { bytes: await readCapped(response, value, limits.maxBytes, signal, down), contentType, url: url.href };
  }
}

async function readCapped(response: Response, value: string, maxBytes: number, signal: AbortSignal, down: (p: string, c?: unknown) => AppError): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      size += chunk.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(value, maxBytes);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw signal.aborted ? down('did not finish sending the page in time', error) : down(`broke off while sending the page (${networkReason(error)})`, error);
  }
  return Buffer.concat(chunks);
}

function tooLarge(value: string, maxBytes: number): AppError {
  return invalid('url', value, `sends more than ${megabytes(maxBytes)}; Docket reads pages up to ${megabytes(maxBytes)} (save the article's text to a file instead)`);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
