// Exponential backoff with full jitter: many alerts failing together (an SMTP outage) do not all
// retry in the same second when it comes back. `random` is passed in so tests can pin it.

const maxDelayMs = 6 * 60 * 60 * 1000;

export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Between half and all of the ceiling: spread out, but never a near-zero delay that hammers the server.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
