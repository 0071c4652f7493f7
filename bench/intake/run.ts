// `docket deadline find` over the intake corpus (test/fixtures/announcements/), one whole process per
// text, interleaved with `docket deadline list --json` on an empty SQLite store in the same run: the
// goal is a per-text time ≤ 1.5× the list's (both are start-up dominated). Also prints, for context,
// the reader's own time per text inside one process.
// npx tsx bench/intake/run.ts [--runs N] [--quick] [--json FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDeadlines } from '../../src/intake/find-deadlines.js';
import { fixed, median } from '../support/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = path.join(root, 'test', 'fixtures', 'announcements');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(value('--runs') ?? (flag('--quick') ? 1 : 3));

const corpus = Object.entries(JSON.parse(readFileSync(path.join(corpusDir, 'expected.json'), 'utf8')) as Record<string, { now: string }>);
const texts = flag('--quick') ? corpus.slice(0, 6) : corpus;
const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-intake-'));
const baseEnv = { PATH: process.env.PATH ?? '', HOME: dir, TZ: 'UTC', NO_COLOR: '1', DATABASE_URL: `file:${path.join(dir, 'empty.db')}`, DOCKET_DATA_DIR: dir };

function run(argv: string[], now: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'docket.js'), ...argv], { cwd: dir, env: { ...baseEnv, DOCKET_NOW: now }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`docket ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

// The first list migrates the new store; it is not timed.
run(['deadline', 'list', '--json'], texts[0]![1].now);
const finds: number[] = [];
const lists: number[] = [];
for (let r = 0; r < runs; r++) {
  for (const [file, entry] of texts) {
    // Interleaved, so load from elsewhere weighs on both sides alike.
    finds.push(run(['deadline', 'find', path.join(corpusDir, file), '--json'], entry.now));
    lists.push(run(['deadline', 'list', '--json'], entry.now));
  }
}

// The reader alone, in this process, after one warm-up pass.
const read = () => texts.map(([file, entry]) => findDeadlines(readFileSync(path.join(corpusDir, file), 'utf8'), { now: new Date(entry.now), defaultZone: 'UTC' }));
read();
const started = performance.now();
for (let r = 0; r < 5; r++) read();
const readerMs = (performance.now() - started) / (5 * texts.length);

const figures = {
  texts: texts.length,
  runs,
  findMedianMs: median(finds),
  listMedianMs: median(lists),
  ratio: median(finds) / median(lists),
  readerMsPerText: readerMs,
  load: os.loadavg()[0] ?? 0,
};
console.log(`deadline find, per text (median of ${finds.length}): ${fixed(figures.findMedianMs)} ms`);
console.log(`deadline list --json, empty SQLite store (median of ${lists.length}): ${fixed(figures.listMedianMs)} ms`);
console.log(`ratio ${fixed(figures.ratio, 2)} (goal ≤ 1.5: ${figures.ratio <= 1.5 ? 'met' : 'missed'})`);
console.log(`the reader alone, in process: ${fixed(readerMs, 2)} ms per text; load average ${fixed(figures.load ?? 0, 1)}`);
const out = value('--json');
if (out) writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
