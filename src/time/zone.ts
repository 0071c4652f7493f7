// IANA time zones: validation and a stable spelling. Deadlines are set in the demanding government's zone,
// so a zone is always a real IANA name (never an abbreviation like "KST" or an offset like "+09:00", which
// cannot follow DST rules).

import { IANAZone } from 'luxon';
import { didYouMean } from '../did-you-mean.js';
import { invalid } from '../errors.js';

const problem = 'is not an IANA time zone (e.g. Asia/Seoul, America/New_York, UTC)';

// luxon builds an Intl.DateTimeFormat on every isValidZone call (~100 µs); a list or an import checks
// the same few zones thousands of times. The set of zones cannot change while the process runs.
const validity = new Map<string, boolean>();

// The canonical names, known without loading ICU's locale data: the first Intl.DateTimeFormat of a process
// costs ~15 ms, which a command that only checks a zone (an empty list, a tick with nothing due) need not
// pay. The list leaves out UTC and the fixed-offset Etc zones (added here) and aliases such as
// "Asia/Calcutta" (still asked of luxon).
let canonical: ReadonlySet<string> | undefined;
const fixedZones = ['UTC', 'Etc/UTC', 'Etc/GMT', ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`), ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`)];

export function isValidZone(zone: string): boolean {
  if (typeof zone !== 'string') return false;
  const trimmed = zone.trim();
  // Offsets such as "+09:00" are accepted by some Intl builds but are not IANA names.
  if (trimmed === '' || /^[+-]/.test(trimmed)) return false;
  let valid = validity.get(trimmed);
  if (valid === undefined) {
    canonical ??= new Set([...Intl.supportedValuesOf('timeZone'), ...fixedZones]);
    valid = canonical.has(trimmed) || IANAZone.isValidZone(trimmed);
    if (validity.size < 10_000) validity.set(trimmed, valid);
  }
  return valid;
}

/** Validates `zone` and returns it spelled canonically ("asia/seoul" → "Asia/Seoul"). */
export function assertZone(zone: string, field?: string): string {
  if (!isValidZone(zone)) throw invalid(field ?? 'zone', zone, `${problem}${typeof zone === 'string' ? didYouMean(zone.trim(), zoneNames()) : ''}`);
  return canonicalSpelling(zone.trim());
}

let knownNames: Map<string, string> | undefined;

/** Every IANA name this runtime knows (Intl's list leaves out UTC itself). */
export function zoneNames(): string[] {
  knownNames ??= new Map(Intl.supportedValuesOf('timeZone').map((name) => [name.toLowerCase(), name]));
  return ['UTC', ...knownNames.values()];
}

// Zones kept in the IANA database for old systems: fixed offsets with no daylight saving time (EST is
// UTC−5 all year, even in a New York summer) or one country's old rules applied everywhere. Accepted, but
// only when the person confirms; each with the zone people usually mean.
const legacyZones: Record<string, string> = {
  EST: 'America/New_York', MST: 'America/Denver (or America/Phoenix, which has no DST)', HST: 'Pacific/Honolulu',
  EST5EDT: 'America/New_York', CST6CDT: 'America/Chicago', MST7MDT: 'America/Denver', PST8PDT: 'America/Los_Angeles',
  CET: 'Europe/Paris or Europe/Berlin', EET: 'Europe/Athens', MET: 'Europe/Paris', WET: 'Europe/Lisbon',
};

/** Why a valid zone is probably not what was meant, or null. */
export function legacyZoneWarning(zone: string): string | null {
  if (!isValidZone(zone)) return null; // refused later with its own message
  const upper = zone.trim().toUpperCase();
  const meant = legacyZones[upper];
  if (meant) return `zone ${zone} is a legacy zone kept for old systems (it does not follow any place's current clock rules); did you mean ${meant}?`;
  if (/^ETC\/GMT[+-]\d{1,2}$/.test(upper)) return `zone ${zone} is a fixed offset with no daylight saving time (and its sign is reversed: Etc/GMT+5 is UTC−5); use the zone of a place, e.g. America/New_York`;
  return null;
}

// Fix only the letter case. Intl's resolvedOptions() would also swap link names for ICU's preferred ones
// (Asia/Kolkata → Asia/Calcutta, EST → America/Panama), which would surprise the person who typed them.
function canonicalSpelling(zone: string): string {
  const allLower = zone === zone.toLowerCase();
  const allUpper = zone === zone.toUpperCase();
  if (!allLower && !(allUpper && zone.includes('/'))) return zone; // typed with care (or "UTC", "EST"): keep it
  const lower = zone.toLowerCase();
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === lower) return resolved;
  zoneNames();
  const known = knownNames!.get(lower);
  if (known !== undefined) return known;
  const guess = titleCase(zone);
  return IANAZone.isValidZone(guess) ? guess : zone;
}

function titleCase(zone: string): string {
  // Zones without an area are abbreviations-turned-names (UTC, EST5EDT) or single words (Japan, Egypt).
  if (!zone.includes('/')) return zone.length <= 4 || /\d/.test(zone) ? zone.toUpperCase() : zone[0]!.toUpperCase() + zone.slice(1).toLowerCase();
  const [area, ...rest] = zone.split('/');
  if (area?.toLowerCase() === 'etc') return ['Etc', ...rest.map((part) => part.toUpperCase())].join('/');
  return zone
    .toLowerCase()
    .split('/')
    .map((part) => part.replace(/(^|[_-])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase()))
    .join('/');
}
