// Scoring the intake reader against the hand-written corpus in test/fixtures/announcements/: which
// expected deadlines it found (due instant exact, as ISO with offset), which it proposed wrongly, and
// whether the parties of each found deadline are right.
import { readFileSync } from 'node:fs';
import { findDeadlines } from '../../src/intake/find-deadlines.js';
import type { Candidate } from '../../src/intake/types.js';

export const corpusDir = new URL('../fixtures/announcements/', import.meta.url);

export interface Expected {
  dueAt: string;
  demandedBy: string | null;
  demandedOf: string | null;
}

export interface CorpusEntry {
  now: string;
  announced?: string;
  zone?: string;
  candidates: Expected[];
}

export function loadCorpus(): Array<[string, CorpusEntry]> {
  return Object.entries(JSON.parse(readFileSync(new URL('expected.json', corpusDir), 'utf8')) as Record<string, CorpusEntry>);
}

export interface TextScore {
  file: string;
  found: number;
  expected: number;
  proposed: number;
  partiesRight: number;
  misses: Expected[];
  extras: Candidate[];
  wrongParties: Array<{ expected: Expected; got: Candidate }>;
}

export function scoreText(file: string, entry: CorpusEntry): TextScore {
  const text = readFileSync(new URL(file, corpusDir), 'utf8');
  const result = findDeadlines(text, {
    now: new Date(entry.now),
    defaultZone: 'UTC',
    ...(entry.announced ? { announcedAt: new Date(entry.announced) } : {}),
    ...(entry.zone ? { zone: entry.zone } : {}),
  });
  const left = [...result.candidates];
  const score: TextScore = { file, found: 0, expected: entry.candidates.length, proposed: result.candidates.length, partiesRight: 0, misses: [], extras: [], wrongParties: [] };
  for (const want of entry.candidates) {
    const i = left.findIndex((c) => c.dueAt === want.dueAt);
    if (i < 0) {
      score.misses.push(want);
      continue;
    }
    const [got] = left.splice(i, 1) as [Candidate];
    score.found++;
    if (got.demandedBy === want.demandedBy && got.demandedOf === want.demandedOf) score.partiesRight++;
    else score.wrongParties.push({ expected: want, got });
  }
  score.extras = left;
  return score;
}

export function scoreCorpus(): { texts: TextScore[]; recall: number; precision: number; parties: number } {
  const texts = loadCorpus().map(([file, entry]) => scoreText(file, entry));
  const sum = (f: (t: TextScore) => number) => texts.reduce((n, t) => n + f(t), 0);
  const found = sum((t) => t.found);
  return { texts, recall: found / sum((t) => t.expected), precision: found / sum((t) => t.proposed), parties: sum((t) => t.partiesRight) / found };
}
