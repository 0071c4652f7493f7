// A check that waits on the network (SMTP, PostgreSQL) must not hang the command that runs it: the
// caller gets a rejection after `ms`, while the work itself is left to its own timeouts.

export class TimeoutError extends Error {
  constructor(what: string, readonly ms: number) {
    super(`${what} did not answer within ${formatSeconds(ms)}`);
    this.name = 'TimeoutError';
  }
}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
