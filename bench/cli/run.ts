// CLI benchmarks: `npx tsx bench/cli/run.ts [--provider sqlite|postgres|both] [--runs 15] [--json results.json]`.
// Wall time of whole `docket` processes, as a person or a script meets them:
//   1. `docket --version` against bare `node -e 0` (goal ≤ 2×: Prisma must not load for it);
//   2. against `docket --version`, on each store: `deadline list --json` on an empty store (≤ 4×) and over
//      10,000 deadlines (≤ 6×), `deadline add` with its understanding printed (≤ 5×), `tick` with nothing
//      due (≤ 5×);
//   3. for information, `docket import` of those 10,000 deadlines into an empty store, and again.
// Runs are interleaved (a, b, a, b, …) and medians compared, because the machine is shared and a burst of
// load must hit both sides of a ratio alike. Figures and the story behind them: docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Provider } from '../../src/store/open-store.js';
import { ensureBuilt, projectRoot } from '../../test/support/run-cli.js';
import { createTestDatabase } from '../../test/support/test-stores.js';
import { fixed, median, progress } from '../support/measure.js';
import { makeImportDocument } from './import-file.js';

export const goals = { versionRatio: 2, emptyRatio: 4, listRatio: 6, addRatio: 5, tickRatio: 5 } as const;
const deadlines = 10_000;

interface ListResult {
  provider: Provider;
  importMs: number;
  reimportMs: number;
  listMs: number;
  versionMs: number;
  /** `deadline list --json` on an empty store. */
  emptyMs: number;
  /** `deadline add` of one more deadline to a store holding one issue (its understanding printed). */
  addMs: number;
  /** `tick` on a store with nothing due. */
  tickMs: number;
  ratio: number;
  listBytes: number;
}

interface Results {
  date: string;
  runs: number;
  node: string;
  cpus: number;
  version: { nodeMs: number; versionMs: number; ratio: number };
  list: ListResult[];
}

function options(): { providers: Provider[]; runs: number; json: string | undefined } {
  const { values } = parseArgs({ options: { provider: { type: 'string', default: 'both' }, runs: { type: 'string', default: '15' }, json: { type: 'string' } } });
  const providers = values.provider === 'both' ? (['sqlite', 'postgres'] as Provider[]) : [values.provider as Provider];
  if (!providers.every((p) => p === 'sqlite' || p === 'postgres')) throw new Error(`--provider ${values.provider}: use sqlite, postgres or both`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 3) throw new Error(`--runs ${values.runs}: at least 3`);
  return { providers, runs, json: values.json };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-cli-'));
const bin = path.join(projectRoot, 'bin', 'docket.js');

/** One process, start to exit, in ms. Output is read through a pipe (as a script would read it) and dropped. */
function wall(args: string[], databaseUrl?: string): { ms: number; bytes: number } {
  const env = { PATH: process.env.PATH ?? '', HOME: work, TZ: 'UTC', NO_COLOR: '1', DOCKET_DATA_DIR: work, ...(databaseUrl && { DATABASE_URL: databaseUrl }) };
  const started = performance.now();
  // cwd is an empty folder, so no developer's .env is read.
  const result = spawnSync(process.execPath, args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return { ms, bytes: result.stdout.length };
}

/** Runs each function in turn (a, b, …, a, b, …) `runs` times after one warm-up each; medians in ms. */
function interleaved(runs: number, ...fns: Array<() => number>): number[] {
  for (const fn of fns) fn();
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) fns.forEach((fn, j) => times[j]!.push(fn()));
  return times.map(median);
}

async function measureList(provider: Provider, runs: number, file: string): Promise<ListResult> {
  const [database, empty, small] = await Promise.all([createTestDatabase(provider), createTestDatabase(provider), createTestDatabase(provider)]);
  try {
    progress(`[${provider}] importing ${deadlines.toLocaleString('en')} deadlines`);
    const importMs = wall([bin, 'import', file], database.url).ms;
    const reimportMs = wall([bin, 'import', file], database.url).ms;
    // Migrated before timing: the first command on a new store applies the migrations.
    wall([bin, 'issue', 'add', 'bench', '--title', 'Benchmark issue'], small.url);
    wall([bin, 'db', 'migrate'], empty.url);
    progress(`[${provider}] deadline list, add and tick vs --version, ${runs} runs each`);
    let listBytes = 0;
    let added = 0;
    const [listMs, versionMs, emptyMs, addMs, tickMs] = interleaved(
      runs,
      () => {
        const run = wall([bin, 'deadline', 'list', '--json'], database.url);
        listBytes = run.bytes;
        return run.ms;
      },
      () => wall([bin, '--version']).ms,
      // The same command on an empty store: what any command that opens the store pays before its first row.
      () => wall([bin, 'deadline', 'list', '--json'], empty.url).ms,
      // Not a terminal, so it prints how it read the date and saves without asking.
      () => wall([bin, 'deadline', 'add', '--issue', 'bench', '--title', `Reply ${++added}`, '--due', 'end of next month', '--zone', 'Asia/Seoul'], small.url).ms,
      () => wall([bin, 'tick'], empty.url).ms,
    );
    return {
      provider,
      importMs,
      reimportMs,
      listMs: listMs!,
      versionMs: versionMs!,
      emptyMs: emptyMs!,
      addMs: addMs!,
      tickMs: tickMs!,
      ratio: listMs! / versionMs!,
      listBytes,
    };
  } finally {
    await Promise.all([database.drop(), empty.drop(), small.drop()]);
  }
}

async function main(): Promise<void> {
  const { providers, runs, json } = options();
  ensureBuilt();
  const file = path.join(work, 'deadlines.json');
  writeFileSync(file, JSON.stringify(makeImportDocument(deadlines)));
  try {
    progress(`docket --version vs node -e 0, ${runs} runs each`);
    const [nodeMs, versionMs] = interleaved(runs, () => wall(['-e', '0']).ms, () => wall([bin, '--version']).ms) as [number, number];
    const results: Results = {
      date: new Date().toISOString(),
      runs,
      node: process.version,
      cpus: os.availableParallelism(),
      version: { nodeMs, versionMs, ratio: versionMs / nodeMs },
      list: [],
    };
    for (const provider of providers) results.list.push(await measureList(provider, runs, file));
    console.log(report(results));
    if (json) writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    if (verdicts(results).some((line) => line.startsWith('MISSED'))) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(results: Results): string {
  const v = results.version;
  const rows: string[][] = [['benchmark', 'provider', 'baseline', 'measured', 'ratio', 'goal', '']];
  rows.push(['docket --version', '', `${fixed(v.nodeMs)} ms node -e 0`, `${fixed(v.versionMs)} ms`, fixed(v.ratio, 2), `≤ ${goals.versionRatio}`, v.ratio <= goals.versionRatio ? 'ok' : 'MISSED']);
  const verdict = (ratio: number, goal: number) => (ratio <= goal ? 'ok' : 'MISSED');
  for (const r of results.list) {
    const against = `${fixed(r.versionMs)} ms --version`;
    const row = (name: string, ms: number, goal: number, extra = '') => {
      const ratio = ms / r.versionMs;
      rows.push([name, r.provider, against, `${fixed(ms)} ms${extra}`, fixed(ratio, 2), `≤ ${goal}`, verdict(ratio, goal)]);
    };
    row('deadline list --json, empty store', r.emptyMs, goals.emptyRatio);
    row(`deadline list --json, ${deadlines.toLocaleString('en')}`, r.listMs, goals.listRatio, ` (${fixed(r.listBytes / 1024 / 1024, 1)} MB out)`);
    row('deadline add', r.addMs, goals.addRatio);
    row('tick, nothing due', r.tickMs, goals.tickRatio);
    rows.push([`  import ${deadlines.toLocaleString('en')} (info)`, r.provider, '', `${fixed(r.importMs)} ms; again ${fixed(r.reimportMs)} ms`, '', '', '']);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return ['', ...lines, '', `medians of ${results.runs} interleaved runs; node ${results.node}; ${results.cpus} CPUs; ${results.date}`, ...verdicts(results)].join('\n');
}

function verdicts(results: Results): string[] {
  const lines: string[] = [];
  if (results.version.ratio > goals.versionRatio) lines.push(`MISSED --version: ${fixed(results.version.ratio, 2)}× bare node (goal ≤ ${goals.versionRatio})`);
  for (const r of results.list) {
    const checks: Array<[string, number, number]> = [
      ['deadline list, empty store', r.emptyMs, goals.emptyRatio],
      [`deadline list, ${deadlines.toLocaleString('en')}`, r.listMs, goals.listRatio],
      ['deadline add', r.addMs, goals.addRatio],
      ['tick, nothing due', r.tickMs, goals.tickRatio],
    ];
    for (const [name, ms, goal] of checks) {
      if (ms / r.versionMs > goal) lines.push(`MISSED ${name} [${r.provider}]: ${fixed(ms / r.versionMs, 2)}× --version (goal ≤ ${goal})`);
    }
  }
  return lines;
}

await main();
