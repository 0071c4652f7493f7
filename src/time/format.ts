// How instants and due moments are written for people and for machines. English, day-month-year order
// ("Sun 31 May 2020"), which no reader can mistake for month-day.

import { DateTime } from 'luxon';
import { offsetMinutes } from './zone-offsets.js';
import type { DueMoment } from './due-moment.js';

function inZone(instant: Date, zone: string): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone }).setLocale('en-US');
  return dt.isValid ? dt : DateTime.fromJSDate(instant, { zone: 'UTC' }).setLocale('en-US');
}

/** '2020-05-31T23:59:59.999+09:00' (UTC is written with 'Z'). */
export function isoInZone(instant: Date, zone: string): string {
  // Written by hand from the zone's offset: a luxon DateTime per value made `deadline list --json`
  // over 10,000 deadlines spend most of its time here. Same output as luxon's toISO().
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) return instant.toISOString();
  if (/^utc$/i.test(zone)) return instant.toISOString();
  const offset = offsetMinutes(zone, ms);
  if (offset === null) return instant.toISOString();
  const local = new Date(ms + offset * 60_000).toISOString();
  if (local.length !== 24) return inZone(instant, zone).toISO() ?? instant.toISOString(); // years beyond 9999
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local.slice(0, 23)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(Math.floor(abs % 60)).padStart(2, '0')}`;
}

/** 'Sun 31 May 2020', 'Fri 15 May 2020, 17:00' (instant precision), 'end of June 2020' (month precision). */
export function formatDueShort(due: DueMoment): string {
  const local = inZone(due.instant, due.zone);
  if (due.precision === 'month') return `end of ${local.toFormat('LLLL yyyy')}`;
  const day = local.toFormat('ccc d MMM yyyy');
  return due.precision === 'instant' ? `${day}, ${local.toFormat('HH:mm')}` : day;
}

/** 'Sun 31 May 2020, 23:59 UTC+9', 'Sun 1 Nov 2026, 01:30 EDT', 'Sun 29 Mar 2026, 23:59 BST': the wall clock in `zone` and the zone's short name or offset. */
export function formatInZone(instant: Date, zone: string): string {
  const local = inZone(instant, zone);
  return `${local.toFormat('ccc d MMM yyyy, HH:mm')} ${zoneAbbreviation(local)}`;
}

// en-US knows the US abbreviations (EDT, HST), en-GB the European ones (BST, CEST); elsewhere ICU has
// only an offset ("GMT+9"), written here as "UTC+9" to match how Docket names zones otherwise.
// Asking Intl for a zone's name costs ~1 ms; an email batch asks thousands of times for a handful of
// zones, and the name depends only on the zone and its offset at that moment (EDT vs EST).
const abbreviations = new Map<string, string>();

/** 'EDT', 'BST', 'UTC+9' for a luxon DateTime already in its zone. */
export function zoneAbbreviation(local: DateTime): string {
  const key = `${local.zoneName}|${local.offset}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    name = lookUpAbbreviation(local);
    if (abbreviations.size < 10_000) abbreviations.set(key, name);
  }
  return name;
}

function lookUpAbbreviation(local: DateTime): string {
  for (const locale of ['en-US', 'en-GB']) {
    const name = local.setLocale(locale).offsetNameShort;
    if (name && /^[A-Z]{2,5}$/.test(name)) return name;
  }
  const offset = local.toFormat('ZZ'); // '+09:00', '+05:30'
  return offset === '+00:00' ? 'UTC' : `UTC${offset.replace(/^([+-])0?(\d+)(?::00|(:\d\d))$/, '$1$2$3')}`;
}
