// Saying a due moment back to a person: what day (and time) it is, in which zone, and how far it is from
// a reference point ("in 19 days from announcement", "3 days ago"). Never throws: it is used in listings
// and emails, where a bad row must not take the page down.

import { relativePhrase as relativeWords, timeLeft } from './countdown.js';
import type { DueMoment, Precision } from './due-moment.js';
import { formatDueShort } from './format.js';
import { isValidZone } from './zone.js';

/**
 * 'Due Sun 31 May 2020, end of day, Asia/Seoul (in 19 days from announcement)'
 * 'Due Fri 15 May 2020, 17:00 Asia/Seoul (in 3 days from announcement)'
 * 'Due end of June 2020, Asia/Seoul (in 49 days from announcement)'
 */
export function describeDue(due: DueMoment, relativeTo: { at: Date; label: string }): string {
  try {
    if (!(due.instant instanceof Date) || Number.isNaN(due.instant.getTime())) return 'Due (no valid date recorded)';
    const zone = isValidZone(due.zone) ? due.zone : 'UTC';
    const shown = { ...due, zone };
    const zoneName = zone === due.zone ? zone : `UTC (unknown zone ${JSON.stringify(String(due.zone))})`;
    const when =
      due.precision === 'day' ? `${formatDueShort(shown)}, end of day, ${zoneName}`
      : due.precision === 'month' ? `${formatDueShort(shown)}, ${zoneName}`
      : `${formatDueShort(shown)} ${zoneName}`;
    const relative = relativePhrase(due, zone, relativeTo);
    return relative ? `Due ${when} (${relative})` : `Due ${when}`;
  } catch {
    return `Due ${String(due?.instant)}`;
  }
}

function relativePhrase(due: DueMoment, zone: string, relativeTo: { at: Date; label: string }): string {
  const at = relativeTo?.at;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) return '';
  const text = countdown(at, due.instant, { zone, precision: due.precision });
  const label = (relativeTo.label ?? '').trim();
  const from = /^from (.+)$/.exec(label)?.[1];
  if (label === '' || from === 'now') return text;
  if (!from) return `${text} ${label}`;
  // Against a reference other than now, "ago" and "today" would read oddly: "3 days before announcement".
  if (text === 'today') return `same day as ${from}`;
  if (text === 'now') return `at ${from}`;
  if (text.endsWith(' ago')) return `${text.slice(0, -' ago'.length)} before ${from}`;
  return `${text} ${label}`;
}

/**
 * 'in 19 days', 'in 5 h', '3 days ago', 'now' — the shared precise countdown (src/time/countdown.ts)
 * worded as "in …" / "… ago". Calendar months count in `zone` (default UTC). `precision` is accepted for
 * callers that have it; the count always runs to the exact instant (end of day for a day deadline).
 */
export function countdown(from: Date, to: Date, options: { zone?: string; precision?: Precision } = {}): string {
  return relativeWords(timeLeft(from, to, options.zone ?? 'UTC'));
}
