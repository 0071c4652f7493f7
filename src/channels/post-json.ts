// One POST of a JSON body, with node:http(s): a hard timeout for the whole exchange, no redirects followed
// (a 3xx is an answer like any other, and a failure), and only the status and Retry-After kept.
import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  /** null when no HTTP answer came (refused, reset, timed out). */
  status: number | null;
  retryAfter?: string;
  /** What went wrong, for the alert's lastError (never the URL: it is a credential). */
  error?: string;
}

/** Answers are read up to this much and dropped; a receiver cannot make Docket buffer a large reply. */
const maxReplyBytes = 4096;

export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
  if (client === null) return Promise.resolve({ status: null, error: `unsupported protocol ${target.protocol}` });
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Docket-Webhooks/1', ...headers },
    });
    const timer = setTimeout(() => {
      done({ status: null, error: `no answer within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > maxReplyBytes) response.destroy();
      });
      const finish = () => {
        const retryAfter = response.headers['retry-after'];
        done({ status: response.statusCode ?? null, ...(typeof retryAfter === 'string' ? { retryAfter } : {}) });
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
    });
    request.on('error', (error) => done({ status: null, error: (error as NodeJS.ErrnoException).code ?? error.message }));
    request.end(body);
  });
}

/** How a channel's URL may be logged: its host and a short hash (the path and query hold its token). */
export function urlForLog(url: string, hash: (text: string) => string): string {
  try {
    return `${new URL(url).host} #${hash(url)}`;
  } catch {
    return `(unreadable URL) #${hash(url)}`;
  }
}
