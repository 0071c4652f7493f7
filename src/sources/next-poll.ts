// When a source is polled next. Pure. A success waits the source's interval; each failure in a row
// doubles the wait (interval × 2^(n-1)), capped at a day, and never sooner than the server's Retry-After.
export const maxBackoffMs = 24 * 3_600_000;

export function nextPollAfterSuccess(now: Date, everySeconds: number): Date {
  return new Date(now.getTime() + everySeconds * 1000);
}

export function nextPollAfterFailure(now: Date, everySeconds: number, failures: number, retryAfterMs?: number): Date {
  const backoff = Math.min(maxBackoffMs, everySeconds * 1000 * 2 ** Math.min(20, Math.max(0, failures - 1)));
  return new Date(now.getTime() + Math.max(backoff, Math.min(maxBackoffMs, retryAfterMs ?? 0)));
}
