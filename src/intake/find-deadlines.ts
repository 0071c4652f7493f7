// The intake reader: text in, proposed deadlines out. Pure: the clock, the announcement (when known)
// and the fallback zone are passed in; nothing is fetched or stored. docs/intake.md says what it reads.
import { isAppError } from '../errors.js';
import { isoInZone } from '../time/format.js';
import { readDue, type DueReading } from '../time/read-due.js';
import { guessAnnouncement } from './announcement.js';
import { findSpans, type DeadlineSpan } from './deadline-spans.js';
import { detectLanguage } from './language.js';
import { assignRoles, findMentions, hasDemandWord, type Mention, type Roles } from './parties.js';
import { canonicalCountry } from './party-names.js';
import { cityPlace, countryZone } from './places.js';
import { splitSentences, type Sentence } from './sentences.js';
import { demandTitle } from './title.js';
import type { Candidate, FindResult, Language, PageMetadata } from './types.js';

export interface FindOptions {
  now: Date;
  language?: Language;
  /** --announced, already read. */
  announcedAt?: Date;
  /** --zone: both the announcement's and every deadline's. */
  zone?: string;
  /** Used when neither the text nor the options say where. */
  defaultZone: string;
  metadata?: PageMetadata;
}

interface Found {
  sentence: Sentence;
  span: DeadlineSpan;
  roles: Roles;
  by: Mention | undefined;
  of: Mention | undefined;
  demand: boolean;
}

export function findDeadlines(text: string, options: FindOptions): FindResult {
  const language = options.language ?? detectLanguage(text);
  const publishedAt = parseDate(options.metadata?.publishedAt);
  let guess = guessAnnouncement(text, { now: options.now, publishedAt, fallbackZone: options.zone ?? options.defaultZone });
  const sentences = splitSentences(text, language).map((s) => withoutDateline(s, text, guess.datelineEnd));
  const provisional = { announcedAt: options.announcedAt ?? guess.at ?? options.now, zone: options.zone ?? guess.zone ?? options.defaultZone };

  // First pass: where the deadlines stand and who is named, read in a provisional zone.
  const found: Found[] = [];
  sentences.forEach((sentence, index) => {
    const spans = findSpans(sentence.text, sentence.start, language, provisional).filter((s) => s.start >= guess.datelineEnd);
    if (spans.length === 0) return;
    const demand = hasDemandWord(sentence.text, language);
    const datelineParty = guess.iso2 ? datelineMention(guess.iso2) : undefined;
    for (const span of spans) {
      const local = span.start - sentence.start;
      const mentions = findMentions(sentence.text, language);
      let roles = assignRoles(sentence.text, language, mentions, local);
      let { demandedBy: by, demandedOf: of } = roles;
      // "I asked for a concrete position by …": the parties are in the sentences before.
      for (let back = 1; back <= 2 && (!by || !of); back++) {
        const prev = sentences[index - back];
        if (!prev || prev.paragraph !== sentence.paragraph) break;
        const earlier = assignRoles(prev.text, language, findMentions(prev.text, language), prev.text.length);
        by ??= earlier.demandedBy && earlier.demandedBy.name !== of?.name ? earlier.demandedBy : undefined;
        of ??= earlier.demandedOf && earlier.demandedOf.name !== by?.name ? earlier.demandedOf : undefined;
        if (back === 1 && mentions.length === 0) roles = { ...roles, verbStart: roles.verbStart, verbEnd: roles.verbEnd };
      }
      // "SEJONG (Yonhap) — The finance ministry called on Washington …": the dateline's country asks.
      if (!by && datelineParty && datelineParty.name !== of?.name) by = datelineParty;
      found.push({ sentence, span, roles, by, of, demand: demand && !ownPlan(sentence.text, local, language) });
    }
  });

  const demanded = found.filter((f) => f.demand && !rolledIntoNextYear(f.span.reading, provisional.announcedAt));
  const firstBy = demanded.find((f) => f.by)?.by;
  const announcementZone = options.zone ?? guess.zone ?? (firstBy ? partyZone(firstBy) : undefined) ?? options.defaultZone;
  if (announcementZone !== provisional.zone && !options.zone) guess = guessAnnouncement(text, { now: options.now, publishedAt, fallbackZone: announcementZone });
  const announcedAt = options.announcedAt ?? guess.at ?? options.now;
  const from = options.announcedAt ? 'option' : (guess.from ?? 'clock');
  const zoneFrom = options.zone ? 'option' : guess.zone ? 'dateline city' : firstBy ? 'demanding party' : 'default zone';

  // Second pass: each deadline read in its demanding government's zone, relative to the announcement.
  const candidates: Candidate[] = [];
  for (const f of demanded) {
    const zone = options.zone ?? (f.by ? partyZone(f.by) : undefined) ?? announcementZone;
    const reading = reread(f.span, announcedAt, zone);
    if (!reading || rolledIntoNextYear(reading, announcedAt)) continue;
    const local = { start: f.span.start - f.sentence.start, end: f.span.end - f.sentence.start };
    const confidence = 0.55 + (f.by ? 0.15 : 0) + (f.of ? 0.15 : 0) + (f.roles.verbStart !== undefined ? 0.1 : 0) + (f.span.phrase === f.span.expression ? 0.04 : 0);
    candidates.push({
      dueAt: isoInZone(reading.due.instant, zone),
      zone,
      precision: reading.due.precision,
      expression: f.span.expression,
      reading: reading.reading,
      demandedBy: f.by?.name ?? null,
      demandedOf: f.of?.name ?? null,
      title: demandTitle(f.sentence.text, language, local, { start: f.roles.verbStart, end: f.roles.verbEnd }, f.of && f.of === f.roles.demandedOf && f.of.start >= 0 ? f.of.end : undefined),
      evidence: { text: f.sentence.text, start: f.sentence.start, end: f.sentence.end },
      confidence: Math.round(Math.min(0.99, confidence) * 100) / 100,
    });
  }
  return {
    language,
    announced: { at: isoInZone(announcedAt, announcementZone), zone: announcementZone, from: zoneFrom === 'option' && from === 'option' ? 'option' : `${from}; zone from ${zoneFrom}` },
    candidates: dedupe(candidates).sort((a, b) => b.confidence - a.confidence || a.evidence.start - b.evidence.start),
  };
}

/** The same deadline said twice (a lead and a later paragraph) is one candidate: the surer one. */
function dedupe(candidates: Candidate[]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = `${c.dueAt}|${c.precision}`;
    const seen = best.get(key);
    if (!seen || c.confidence > seen.confidence) best.set(key, c);
  }
  return [...best.values()];
}

function reread(span: DeadlineSpan, announcedAt: Date, zone: string): DueReading | undefined {
  try {
    const reading = readDue(span.phrase, { announcedAt, zone });
    return { ...reading, expression: span.expression };
  } catch (error) {
    if (isAppError(error)) return undefined;
    throw error;
  }
}

// "until June 1" said on 10 June is a date that has passed ("had until June 1"), not next year's.
function rolledIntoNextYear(reading: DueReading, announcedAt: Date): boolean {
  return /\(the next /.test(reading.reading) && reading.due.instant.getTime() - announcedAt.getTime() > 180 * 86_400_000;
}

/** "GENEVA, 14 November 2023 — A panel asked …": the sentence starts after the dateline. */
function withoutDateline(sentence: Sentence, text: string, datelineEnd: number): Sentence {
  if (datelineEnd <= sentence.start || datelineEnd >= sentence.end) return sentence;
  const rest = text.slice(datelineEnd, sentence.end);
  const start = sentence.end - rest.trimStart().length;
  return { ...sentence, text: text.slice(start, sentence.end), start };
}

function datelineMention(iso2: string): Mention {
  return { name: canonicalCountry(iso2), place: { iso2 }, start: -1, end: -1 };
}

// "… and said it would decide by the end of the month": the speaker's own plan, not a demand.
function ownPlan(sentence: string, spanStart: number, language: Language): boolean {
  if (language !== 'en') return false;
  const before = sentence.slice(0, spanStart);
  const demand = Math.max(-1, ...[...before.matchAll(demandWords)].map((m) => m.index));
  const plan = Math.max(-1, ...[...before.matchAll(planWords)].map((m) => m.index));
  return plan > demand;
}

const demandWords = /\b(?:asked|asks|demanded|urged|called on|requested|told|ordered|gave|given|must|should|has until|have until|required|pressed|instructed)\b/g;
const planWords = /\b(?:said|says) (?:it|he|she|they|the \w+) (?:would|will|plans? to|intends? to|aims? to|expects? to|hopes? to)\b/g;

function partyZone(party: Mention): string | undefined {
  return 'iso2' in party.place ? countryZone(party.place.iso2) : cityPlace(party.place.city)?.zone;
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
