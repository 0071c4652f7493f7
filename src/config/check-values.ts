// The checks zod cannot make: each value read by the same parser the domain uses later (offsets, overdue
// interval, zones, durations), so a value that would throw in the middle of a planning pass is refused at
// start instead. Every message has one form — `NAME="value": what is wrong, e.g. a good value` — built by
// configError, whether the value came from the environment or a config file.
import { Duration } from 'luxon';
import { parseOffsets, readOffset } from '../alerts/reminder-policy.js';
import { AppError, quote } from '../errors.js';
import { isValidZone } from '../time/zone.js';
import { envKeys } from './env-keys.js';

/** `DOCKET_OVERDUE_EVERY="PT1H": must be at least one day, e.g. P7D` (or the config key when no variable maps to it). */
export function configError(dotted: string, value: unknown, problem: string): AppError {
  const name = envKeys.find((key) => key.path === dotted)?.name ?? `config key ${dotted || '(root)'}`;
  const shown = Array.isArray(value) ? quote(value.join(',')) : quote(value);
  return new AppError('validation', `${name}=${shown}: ${problem}`, { field: name, value });
}

/** What a domain parser found wrong with the value ("has …"), without its field and value. */
function problemOf(error: unknown): string {
  if (!(error instanceof AppError)) throw error;
  return error.problem ?? error.message;
}

export function checkOffsets(offsets: string[]): void {
  try {
    parseOffsets(offsets, 'offsets');
  } catch (error) {
    throw configError('reminders.offsets', offsets, `${problemOf(error)}; e.g. 7d,1d,0d`);
  }
}

/** Overdue reminders repeat in whole days (each stays at the morning hour), 1 to 366 of them. */
export function checkOverdueEvery(value: string): void {
  const offset = readOffset(value.trim());
  if (offset === null) throw configError('reminders.overdueEvery', value, 'must be a number of days or weeks, e.g. P7D (P1M and other months are not fixed lengths)');
  if (offset.hours !== 0 || offset.days < 1) throw configError('reminders.overdueEvery', value, 'must be at least one day, e.g. P7D');
  if (offset.days > 366) throw configError('reminders.overdueEvery', value, 'must be at most 366 days, e.g. P7D');
}

export function checkZone(dotted: string, value: string): void {
  if (!isValidZone(value)) throw configError(dotted, value, 'must be an IANA time zone, e.g. UTC or Asia/Seoul');
}

/** An ISO 8601 duration (luxon's reading) within [min, max]; `example` shows a good value. */
export function checkDuration(dotted: string, value: string, bounds: { min: Duration; max: Duration; example: string }): void {
  const duration = Duration.fromISO(value.trim());
  if (!duration.isValid) throw configError(dotted, value, `must be an ISO 8601 duration, e.g. ${bounds.example}`);
  // Months and years have no fixed length: compare as luxon does, with its casual conversion.
  const ms = duration.toMillis();
  if (ms < bounds.min.toMillis()) throw configError(dotted, value, `must be at least ${bounds.min.toISO()}, e.g. ${bounds.example}`);
  if (ms > bounds.max.toMillis()) throw configError(dotted, value, `must be at most ${bounds.max.toISO()}, e.g. ${bounds.example}`);
}

/** BASE_URL: a full http(s) URL without query or fragment; the trailing slash is dropped. */
export function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError('web.baseUrl', value, 'must be a full URL with http:// or https://, e.g. https://docket.example.org');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw configError('web.baseUrl', value, 'must start with http:// or https://, e.g. https://docket.example.org');
  if (url.search !== '' || url.hash !== '') throw configError('web.baseUrl', value, 'must not have a query or fragment, e.g. https://docket.example.org/docket');
  return value.replace(/\/+$/, '');
}

/** Where emails link when BASE_URL is not set: this server's own listen address and port. */
export function defaultBaseUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const name = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
