// Finding an IANA zone from what a person types: "tokyo", "Korea", "New York", "europe/berln".
// Country names and their zones come from countries-and-timezones, cities from city-timezones (about
// 7,300 cities with population, used to rank), zone names from the runtime's Intl list; a typo gets the
// nearest name by edit distance. Pure and synchronous: the same answer on the page and in the CLI.

import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import { getAllCountries, getAllTimezones, getCountryForTimezone } from 'countries-and-timezones';
import { isValidZone } from './zone.js';

export interface ZoneChoice {
  zone: string;
  /** 'Asia/Tokyo — Japan' */
  label: string;
}

export type ZoneAnswer =
  /** One zone fits: use it. */
  | { kind: 'found'; zone: string; label: string }
  /** Several fit ("United States", "Korea"): the reader picks; the likeliest first. */
  | { kind: 'several'; choices: ZoneChoice[] }
  /** Nothing fits; the nearest spelling, if any is close. */
  | { kind: 'none'; suggestion: ZoneChoice | null };

interface Index {
  zones: string[];
  /** normalised name → zones it may mean, each with a weight to rank by (a city's population; zone names first) */
  names: Map<string, Map<string, number>>;
  /** people living in each zone's cities, to rank a country's zones */
  population: Map<string, number>;
}

let index: Index | undefined;

const require = createRequire(import.meta.url);

function build(): Index {
  // The runtime's list spells some zones the old way (Asia/Calcutta); the package has the current names.
  const data: Record<string, { aliasOf?: string | null } | undefined> = getAllTimezones();
  const zones = [...new Set([...Object.keys(data), ...Intl.supportedValuesOf('timeZone')])].filter(
    (z) => z.includes('/') && !z.startsWith('Etc/') && isValidZone(z) && data[z]?.aliasOf == null,
  );
  zones.sort();
  zones.push('UTC');
  const known = new Set(zones);
  const names = new Map<string, Map<string, number>>();
  const add = (name: string, zone: string, weight: number) => {
    const key = normalise(name);
    if (key === '' || !known.has(zone)) return;
    let byZone = names.get(key);
    if (byZone === undefined) names.set(key, (byZone = new Map()));
    byZone.set(zone, Math.max(byZone.get(zone) ?? 0, weight));
  };
  // city-timezones is CommonJS with a 2 MB table: loaded on the first search only.
  const { cityMapping } = require('city-timezones') as typeof import('city-timezones');
  const population = new Map<string, number>();
  for (const city of cityMapping) {
    if (!known.has(city.timezone)) continue;
    add(city.city_ascii, city.timezone, city.pop || 0);
    add(city.city, city.timezone, city.pop || 0);
    population.set(city.timezone, (population.get(city.timezone) ?? 0) + (city.pop || 0));
  }
  // A zone's own name beats any city of the same name (Europe/London before London, Kentucky).
  for (const zone of zones) {
    add(zone, zone, Number.MAX_SAFE_INTEGER);
    add(zone.split('/').at(-1)!, zone, Number.MAX_SAFE_INTEGER);
  }
  add('utc', 'UTC', Number.MAX_SAFE_INTEGER);
  add('gmt', 'UTC', Number.MAX_SAFE_INTEGER);
  for (const country of Object.values(getAllCountries())) {
    for (const zone of country.timezones) add(country.name, zone, population.get(zone) ?? 0);
  }
  return { zones, names, population };
}

/** Lower case, no accents, '_' and '-' as spaces: 'São_Paulo' → 'sao paulo'. */
function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\-,.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function labelFor(zone: string): string {
  const country = zone === 'UTC' ? null : getCountryForTimezone(zone);
  return country ? `${zone} — ${country.name}` : zone;
}

const maxChoices = 8;

export function findZone(query: string): ZoneAnswer {
  const text = typeof query === 'string' ? query.trim().slice(0, 100) : '';
  if (text === '') return { kind: 'none', suggestion: null };
  const idx = (index ??= build());
  // A real IANA name with an area ("asia/tokyo") is taken as typed; single words like "Japan" are old
  // aliases that are better answered with the country's current zone.
  if (text.includes('/') && isValidZone(text)) {
    const exact = idx.zones.find((z) => z.toLowerCase() === text.toLowerCase()) ?? text;
    return { kind: 'found', zone: exact, label: labelFor(exact) };
  }
  const key = normalise(text);
  const exact = idx.names.get(key);
  if (exact !== undefined) return answer(exact);
  // Whole words inside a longer name: "korea" → South Korea, North Korea; "york" → New York.
  if (key.length >= 3) {
    const word = new RegExp(`(^| )${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`);
    const hits = new Map<string, number>();
    for (const [name, zones] of idx.names) {
      if (!word.test(name)) continue;
      for (const [zone, weight] of zones) hits.set(zone, Math.max(hits.get(zone) ?? 0, weight));
    }
    if (hits.size > 0) return answer(hits);
  }
  return { kind: 'none', suggestion: nearest(idx, key) };
}

function answer(weights: Map<string, number>): ZoneAnswer {
  const zones = [...weights].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([zone]) => zone);
  // A zone's own name wins outright (London → Europe/London, not also London, Ontario).
  const top = weights.get(zones[0]!) === Number.MAX_SAFE_INTEGER && (zones.length === 1 || weights.get(zones[1]!) !== Number.MAX_SAFE_INTEGER);
  if (zones.length === 1 || top) return { kind: 'found', zone: zones[0]!, label: labelFor(zones[0]!) };
  return { kind: 'several', choices: zones.slice(0, maxChoices).map((zone) => ({ zone, label: labelFor(zone) })) };
}

/** The closest known name within a quarter of its length in edits (at least 1, at most 3). */
function nearest(idx: Index, key: string): ZoneChoice | null {
  const allowed = Math.min(3, Math.max(1, Math.floor(key.length / 4)));
  let best: { zones: Map<string, number>; d: number } | null = null;
  for (const [name, zones] of idx.names) {
    if (Math.abs(name.length - key.length) > allowed) continue;
    const d = distance(name, key);
    if (d <= allowed && (best === null || d < best.d)) best = { zones, d };
  }
  if (best === null) return null;
  const zone = [...best.zones].sort((a, b) => b[1] - a[1])[0]![0];
  return { zone, label: labelFor(zone) };
}

/** Every zone with a label, for the page's <datalist> (the browser filters it as the reader types). */
export function zoneOptions(): ZoneChoice[] {
  const idx = (index ??= build());
  return idx.zones.map((zone) => ({ zone, label: labelFor(zone) }));
}
