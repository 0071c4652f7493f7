// Checks for what an admin types, shared by every use case. Each returns the cleaned value or throws a
// validation AppError naming the field and the value, so nothing is written until all input is good.
// Fields are named neutrally (`title`, `slug`, the API's names); the CLI and the API each spell them their
// own way when they show the message (src/cli/field-names.ts, src/web/api-errors.ts).
import * as z from 'zod';
import { AppError, invalid, quote } from '../errors.js';
import { parseOffsets } from '../alerts/reminder-policy.js';

const slugPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function checkSlug(value: string, field = 'slug'): string {
  if (typeof value !== 'string' || !slugPattern.test(value)) {
    throw invalid(field, value, 'is not a slug: use 1–64 lower-case letters, digits and hyphens, starting with a letter or digit (e.g. japan-korea-export-controls)');
  }
  return value;
}

/** Trimmed single-line-or-more text; `required` refuses an empty value. */
export function checkText(value: string, field: string, options: { max: number; required?: boolean }): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (options.required && text === '') throw invalid(field, value, 'is empty');
  if (text.length > options.max) throw invalid(field, value, `is longer than ${options.max} characters`);
  return storable(text, field);
}

/**
 * Text both stores keep as given: PostgreSQL refuses NUL characters (the write failed with exit 1 / a
 * 500) and UTF-8 cannot hold half of a surrogate pair (it was silently stored as U+FFFD). A JSON body or
 * file can spell either with \u escapes, and an in-process caller can pass them directly.
 */
function storable(text: string, field: string): string {
  if (text.includes('\u0000')) throw invalid(field, text, 'contains a NUL character (\\u0000), which cannot be stored');
  if (unpairedSurrogate.test(text)) throw invalid(field, text, 'contains half of a UTF-16 surrogate pair (an unpaired \\uD800–\\uDFFF escape), which cannot be stored');
  return text;
}

const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A repeatable option's values: trimmed, blanks dropped, repeats removed, order kept. Dropping blanks is
 * what lets `--party ""` clear a list on update.
 */
export function checkList(values: readonly string[], field: string, options: { max: number } = { max: 200 }): string[] {
  const seen = new Set<string>();
  for (const raw of values) {
    const item = checkText(raw, field, { max: options.max });
    if (item !== '') seen.add(item);
  }
  return [...seen];
}

const httpUrl = z.url({ protocol: /^https?$/ });

export function checkSources(values: readonly string[], field = 'sources'): string[] {
  const urls = checkList(values, field, { max: 2000 });
  for (const url of urls) {
    if (!httpUrl.safeParse(url).success) throw invalid(field, url, 'is not an http(s) URL (e.g. https://www.example.org/news/123)');
  }
  return urls;
}

/**
 * Reminder offsets as typed ("7d,1d,0d", "none"); "default" means inherit (the issue's, then the
 * installation's), stored as null. Normalised to ISO durations because they end up in alert keys.
 */
export function checkOffsets(value: string | string[], field = 'offsets'): string[] | null {
  const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  if (typeof single === 'string' && /^(default|inherit)$/i.test(single.trim())) return null;
  return parseOffsets(value, field);
}

export function checkEmail(value: string, field = 'email'): string {
  const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (email.length > 254 || !z.email().safeParse(email).success) throw invalid(field, value, 'is not an email address (e.g. analyst@example.org)');
  return email;
}

/** Deadline ids are printed as plain numbers; "#3" is accepted too, as people copy it from listings. */
export function checkId(value: string | number, field = 'id'): number {
  const text = String(value).trim().replace(/^#/, '');
  const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw invalid(field, value, 'is not a deadline id (a whole number, as shown by `docket deadline list`)');
  return id;
}

export function conflict(message: string, field?: string, value?: unknown): AppError {
  return new AppError('conflict', message, { field, value });
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

export { quote };
