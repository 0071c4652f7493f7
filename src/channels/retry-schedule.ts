// The Standard Webhooks retry schedule: the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h,
// 10 h, 14 h, 20 h and 24 h after each failure, each with ±10 % jitter so a receiver that comes back is
// not hit by every retry in the same second. `random` is passed in so tests can pin it (0.5 = no jitter).

const s = 1000;
const m = 60 * s;
const h = 60 * m;
export const channelRetryDelaysMs = [5 * s, 5 * m, 30 * m, 2 * h, 5 * h, 10 * h, 14 * h, 20 * h, 24 * h] as const;

/** Attempts in all (the first plus one per delay); after the last failure the alert has failed. */
export const channelMaxAttempts = channelRetryDelaysMs.length + 1;

/** The wait after failed attempt number `attempt` (1-based), or null when no attempt is left. */
export function channelRetryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  const base = channelRetryDelaysMs[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** Consecutive failed attempts after which a channel is disabled. */
export const channelFailureLimit = 20;

/** Retry-After caps at a day: a receiver cannot park Docket's retries for longer. */
const retryAfterCapMs = 24 * h;

/** `Retry-After` as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (header === undefined) return null;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(retryAfterCapMs, Math.max(0, ms));
}
