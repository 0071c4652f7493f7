// What each `docket doctor` check reports: a status, one line of detail, and for a problem what to do.
import { TimeoutError } from './with-timeout.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to change, for a warning or a failure. */
  fix?: string;
  /** Extra lines worth showing (e.g. the DNS record to publish). */
  info?: string[];
  /** The check gave up waiting (a hung server); its connection may still be open. */
  timedOut?: boolean;
}

export const ok = (name: string, detail: string, info?: string[]): CheckResult => ({ name, status: 'ok', detail, ...(info && { info }) });
export const warn = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'warn', detail, fix });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, status: 'fail', detail, fix });

/** A failed check from an exception, marking timeouts so the command knows to exit without waiting. */
export function failFrom(name: string, error: unknown, fix: string): CheckResult {
  return { ...fail(name, errorText(error), fix), ...(error instanceof TimeoutError && { timedOut: true }) };
}

/** The useful line of a driver error (Prisma and pg wrap the cause in several lines). */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.at(-1) ?? message;
}
