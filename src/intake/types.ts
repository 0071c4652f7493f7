// What the intake reader proposes. The JSON shape of `docket deadline find --json` and
// `POST /api/deadlines/find` is exactly FindResult.
export type Language = 'en' | 'ja' | 'ko';
export const languages: readonly Language[] = ['en', 'ja', 'ko'];

export interface Evidence {
  /** The sentence the deadline stands in. */
  text: string;
  /** Offsets of that sentence in the input text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
}

export interface Candidate {
  /** ISO 8601 with the zone's offset, as `deadline list` prints it. */
  dueAt: string;
  zone: string;
  precision: 'instant' | 'day' | 'month';
  /** The deadline words as they stand in the text. */
  expression: string;
  /** How Docket read them, as `deadline add` says it. */
  reading: string;
  demandedBy: string | null;
  demandedOf: string | null;
  /** What is demanded, a short phrase. */
  title: string;
  evidence: Evidence;
  /** 0–1. */
  confidence: number;
}

export type AnnouncedFrom = 'option' | 'dateline' | 'metadata' | 'clock';

export interface Announced {
  at: string;
  zone: string;
  /** Where the moment came from; and the zone, when that differs ("dateline; zone from demanding party"). */
  from: string;
}

export interface FindResult {
  language: Language;
  announced: Announced;
  candidates: Candidate[];
}

/** What an HTML page says about itself (filled by the HTML edge, absent for plain text). */
export interface PageMetadata {
  publishedAt?: string;
  title?: string;
}
