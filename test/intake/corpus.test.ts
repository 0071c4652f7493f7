// The intake reader against the hand-written corpus (test/fixtures/announcements/, expected.json):
// recall and precision of the due instant, and how often the parties of a found deadline are right.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../../src/intake/find-deadlines.js';
import { corpusDir, loadCorpus, scoreCorpus } from './corpus-score.js';

describe('intake corpus', () => {
  const corpus = loadCorpus();

  it('has the texts the issue asks for', () => {
    const lang = (prefix: string) => corpus.filter(([file]) => file.startsWith(prefix)).length;
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(lang('ja-')).toBeGreaterThanOrEqual(8);
    expect(lang('ko-')).toBeGreaterThanOrEqual(8);
    expect(corpus.filter(([, e]) => e.candidates.length === 0).length).toBeGreaterThanOrEqual(10);
    expect(corpus.filter(([, e]) => e.candidates.length >= 2).length).toBeGreaterThanOrEqual(3);
    expect(readFileSync(new URL('en-00-seed-article-2020-05-12.txt', corpusDir), 'utf8')).toContain('I asked for a concrete position by the end of this month.');
  });

  it('finds the due instants (recall, precision ≥ 0.9) and their parties (≥ 0.8)', () => {
    const score = scoreCorpus();
    const report = score.texts
      .filter((t) => t.misses.length || t.extras.length || t.wrongParties.length)
      .map((t) => `${t.file}: ${t.misses.length} missed, ${t.extras.length} extra, ${t.wrongParties.length} with wrong parties`);
    console.log(`intake corpus: recall ${score.recall.toFixed(3)}, precision ${score.precision.toFixed(3)}, parties ${score.parties.toFixed(3)}\n${report.join('\n')}`);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.parties).toBeGreaterThanOrEqual(0.8);
  });

  it('gives evidence offsets that point at the sentence in the input', () => {
    for (const [file, entry] of corpus) {
      const text = readFileSync(new URL(file, corpusDir), 'utf8');
      for (const c of findDeadlines(text, { now: new Date(entry.now), defaultZone: 'UTC' }).candidates) {
        expect(text.slice(c.evidence.start, c.evidence.end), file).toBe(c.evidence.text);
        expect(c.evidence.text, file).toContain(c.expression);
        expect(Object.keys(c).sort()).toEqual(['confidence', 'demandedBy', 'demandedOf', 'dueAt', 'evidence', 'expression', 'precision', 'reading', 'title', 'zone']);
      }
    }
  });
});
