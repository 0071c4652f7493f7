// How far ahead of a deadline subscribers are reminded, and how often once it has passed. Offsets are
// stored normalised (ISO-8601, weeks folded into days) because they become part of each alert's unique
// key: "1w" and "7d" must name the same milestone.

import { invalid, quote } from '../errors.js';
import { assertMorning } from './morning.js';

export interface ReminderPolicy {
  /** ISO-8601 durations before the due moment, e.g. ['P7D','P1D']; 'P0D' means "on the due day". */
  offsets: string[];
  /** 0..23, in the SUBSCRIBER's zone. */
  morningHour: number;
  /** 0..59, default 0. */
  morningMinute?: number;
  /** Whole days between overdue reminders (ISO duration or shorthand), default 'P7D'. */
  overdueEvery: string;
  /** How many overdue reminders in all; 0 disables them. */
  overdueMax: number;
  /** An instant deadline's due-day reminder leaves at least this lead (DOCKET_MIN_LEAD), default 120. */
  minLeadMinutes?: number;
}

export const defaultMinLeadMinutes = 120;
/** The longest lead accepted: the due-day reminder moves back at most a day. */
export const maxMinLeadMinutes = 24 * 60;

export const defaultReminderPolicy: ReminderPolicy = Object.freeze({
  offsets: Object.freeze(['P7D', 'P1D', 'P0D']) as unknown as string[],
  morningHour: 9,
  morningMinute: 0,
  overdueEvery: 'P7D',
  overdueMax: 4,
  minLeadMinutes: defaultMinLeadMinutes,
});

/** Longest offset accepted: a reminder more than a year ahead is almost certainly a typo. */
const maxOffsetDays = 366;
const maxOverdue = 52;

export interface Offset {
  days: number;
  hours: number;
}

const shorthand = /^(\d{1,6})\s*([dwh])$/i;
const iso = /^P(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(\d{1,6})H)?$/i;
const hint = 'use days (7d), weeks (1w) or hours (2h), or ISO durations such as P7D or PT2H';

/** Reads one offset ('7d', '1w', '2h', 'P7D', 'PT2H', 'P1DT12H'); null when it is not one. */
export function readOffset(part: string): Offset | null {
  const short = shorthand.exec(part);
  if (short) {
    const n = Number(short[1]);
    const unit = short[2]!.toLowerCase();
    return unit === 'h' ? { days: 0, hours: n } : { days: unit === 'w' ? n * 7 : n, hours: 0 };
  }
  const long = iso.exec(part);
  // "P" and "PT" alone match the pattern but say nothing.
  if (!long || !/\d/.test(part)) return null;
  return { days: Number(long[1] ?? 0) * 7 + Number(long[2] ?? 0), hours: Number(long[3] ?? 0) };
}

export function formatOffset({ days, hours }: Offset): string {
  if (days === 0 && hours === 0) return 'P0D';
  return `P${days > 0 ? `${days}D` : ''}${hours > 0 ? `T${hours}H` : ''}`;
}

export function offsetHours({ days, hours }: Offset): number {
  return days * 24 + hours;
}

/**
 * '7d,1d,0d', 'P7D,P1D', ['1w', '2h'] → normalised ISO durations, longest first, without repeats.
 * 'none' (alone) means no reminders before the due moment; overdue reminders are set separately.
 */
export function parseOffsets(value: string | string[], field: string): string[] {
  const parts = (Array.isArray(value) ? value : [value])
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .map((part) => (typeof part === 'string' ? part.trim() : part));
  if (parts.length === 1 && typeof parts[0] === 'string' && parts[0].toLowerCase() === 'none') return [];
  if (parts.every((part) => part === '')) {
    throw invalid(field, value, `is empty: give offsets such as "7d,1d,0d", or "none" for no reminders before the due moment`);
  }
  const found = new Map<string, Offset>();
  for (const part of parts) {
    if (typeof part !== 'string') throw invalid(field, value, `has ${String(part)}, which is not text: ${hint}`);
    if (part === '') throw invalid(field, value, 'has an empty item between commas');
    const offset = readOffset(part);
    if (!offset) throw invalid(field, value, `has ${quote(part)}, which is not an offset: ${hint}`);
    if (offsetHours(offset) > maxOffsetDays * 24) {
      throw invalid(field, value, `has ${quote(part)}, more than ${maxOffsetDays} days ahead`);
    }
    found.set(formatOffset(offset), offset);
  }
  return [...found.entries()]
    .sort(([aKey, a], [bKey, b]) => offsetHours(b) - offsetHours(a) || (aKey < bKey ? -1 : 1))
    .map(([key]) => key);
}

/** The repeat interval for overdue reminders, in whole days so each one stays at the morning hour. */
export function parseOverdueEvery(value: string, field: string): number {
  const offset = typeof value === 'string' ? readOffset(value.trim()) : null;
  if (!offset) throw invalid(field, value, `is not a duration: use days (7d), weeks (1w) or ISO P7D`);
  if (offset.hours !== 0) throw invalid(field, value, 'must be whole days, so overdue reminders stay at the morning hour');
  if (offset.days < 1 || offset.days > maxOffsetDays) throw invalid(field, value, `must be from 1 to ${maxOffsetDays} days`);
  return offset.days;
}

/** Checks every field and returns the policy with its offsets normalised. */
export function validatePolicy(policy: ReminderPolicy, field = 'reminder policy'): ReminderPolicy {
  const morningMinute = policy.morningMinute ?? 0;
  assertMorning(policy.morningHour, morningMinute, `${field} morning`);
  parseOverdueEvery(policy.overdueEvery, `${field} overdueEvery`);
  if (!Number.isInteger(policy.overdueMax) || policy.overdueMax < 0 || policy.overdueMax > maxOverdue) {
    throw invalid(`${field} overdueMax`, policy.overdueMax, `must be a whole number from 0 to ${maxOverdue}`);
  }
  const minLeadMinutes = policy.minLeadMinutes ?? defaultMinLeadMinutes;
  if (!Number.isInteger(minLeadMinutes) || minLeadMinutes < 0 || minLeadMinutes > maxMinLeadMinutes) {
    throw invalid(`${field} minimum lead`, minLeadMinutes, `must be whole minutes from 0 to ${maxMinLeadMinutes} (one day)`);
  }
  const offsets = policy.offsets.length === 0 ? [] : parseOffsets(policy.offsets, `${field} offsets`);
  return { ...policy, offsets, morningMinute, minLeadMinutes };
}

/**
 * The deadline's own offsets win over the issue's, which win over the global ones. null/undefined means
 * "not set, inherit"; an empty list is a deliberate "no reminders before the due moment".
 */
export function resolvePolicy(global: ReminderPolicy, issueOffsets?: string[] | null, deadlineOffsets?: string[] | null): ReminderPolicy {
  const [offsets, field] =
    deadlineOffsets != null
      ? [deadlineOffsets, 'deadline offsets']
      : issueOffsets != null
        ? [issueOffsets, 'issue offsets']
        : [global.offsets, 'offsets'];
  return { ...global, offsets: offsets.length === 0 ? [] : parseOffsets(offsets, field) };
}
