// Alert-engine benchmarks: `npx tsx bench/alerts/run.ts [--provider sqlite|postgres|both] [--quick]
// [--only planning,throughput,memory] [--json results.json]`. Each part runs in its own process; every
// figure that is judged is a ratio against a baseline measured in the same process and run, because the
// machine is shared and absolute times are noisy. See docs/benchmarks.md.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Provider } from '../../src/store/open-store.js';
import { runInChild } from '../support/child.js';
import { fixed } from '../support/measure.js';
import type { MemoryResult } from './memory.js';
import type { PlanningResult } from './planning.js';
import { goals, parts, type Part } from './sizes.js';
import type { ThroughputResult } from './throughput.js';

interface Results {
  planning: PlanningResult[];
  throughput: ThroughputResult[];
  memory: MemoryResult[];
}

function options(): { providers: Provider[]; quick: boolean; only: Part[]; json: string | undefined } {
  const { values } = parseArgs({
    options: {
      provider: { type: 'string', default: 'both' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string', default: parts.join(',') },
      json: { type: 'string' },
    },
  });
  const providers = values.provider === 'both' ? (['sqlite', 'postgres'] as Provider[]) : [values.provider as Provider];
  if (!providers.every((p) => p === 'sqlite' || p === 'postgres')) throw new Error(`--provider ${values.provider}: use sqlite, postgres or both`);
  const only = values.only.split(',').map((part) => part.trim()) as Part[];
  const unknown = only.filter((part) => !parts.includes(part));
  if (unknown.length > 0) throw new Error(`--only ${unknown.join(',')}: known parts are ${parts.join(', ')}`);
  return { providers, quick: values.quick, only, json: values.json };
}

async function main(): Promise<void> {
  const { providers, quick, only, json } = options();
  const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const results: Results = { planning: [], throughput: [], memory: [] };
  const started = Date.now();
  for (const part of only) {
    for (const provider of providers) {
      process.stderr.write(`${part} [${provider}]${quick ? ' (quick)' : ''}\n`);
      (results[part] as unknown[]).push(await runInChild(worker, [part, provider, quick ? 'quick' : 'full']));
    }
  }
  console.log(report(results));
  console.log(`\n${quick ? 'quick run (smoke sizes, not the recorded figures)' : 'full run'}; ${((Date.now() - started) / 60_000).toFixed(1)} min`);
  if (json) writeFileSync(json, `${JSON.stringify({ date: new Date().toISOString(), quick, results }, null, 2)}\n`);
  const missed = verdicts(results).filter((line) => line.startsWith('MISSED'));
  if (missed.length > 0) process.exitCode = 1;
}

function report(results: Results): string {
  const rows: string[][] = [['benchmark', 'provider', 'baseline', 'measured', 'ratio', 'goal', '']];
  for (const r of results.planning) {
    rows.push([
      `tick, ${r.due.toLocaleString('en')} due`,
      r.provider,
      `${fixed(r.small.medianTickMs)} ms @ ${r.small.rows.toLocaleString('en')} rows`,
      `${fixed(r.large.medianTickMs)} ms @ ${r.large.rows.toLocaleString('en')} rows`,
      fixed(r.ratio, 2),
      `≤ ${goals.planningRatio}`,
      r.ratio <= goals.planningRatio ? 'ok' : 'MISSED',
    ]);
    rows.push(['  idle tick (info)', r.provider, `${fixed(r.small.medianIdleMs)} ms`, `${fixed(r.large.medianIdleMs)} ms`, fixed(r.idleRatio, 2), '', '']);
  }
  for (const r of results.throughput) {
    rows.push([
      `throughput, ${r.alerts.toLocaleString('en')} alerts`,
      r.provider,
      `${fixed(r.bareRate)} msg/s bare`,
      `${fixed(r.pipelineRate)} msg/s pipeline`,
      fixed(r.ratio, 2),
      `≥ ${goals.throughputRatio}`,
      r.ratio >= goals.throughputRatio ? 'ok' : 'MISSED',
    ]);
  }
  for (const r of results.memory) {
    rows.push([
      `peak RSS, ${r.alerts.toLocaleString('en')} backlog`,
      r.provider,
      `${fixed(r.startRssMb)} MB at start`,
      `${fixed(r.peakRssMb)} MB peak (heap ${fixed(r.peakHeapUsedMb)} MB, tsx ~${fixed(r.tsxOverheadMb)} MB)`,
      '',
      `≤ ${goals.peakRssMb} MB`,
      r.peakRssMb <= goals.peakRssMb ? 'ok' : 'MISSED',
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return ['', ...lines, '', ...verdicts(results)].join('\n');
}

function verdicts(results: Results): string[] {
  const lines: string[] = [];
  for (const r of results.planning) {
    if (r.ratio > goals.planningRatio) lines.push(`MISSED planning [${r.provider}]: ${fixed(r.ratio, 2)}× slower with ${r.large.rows.toLocaleString('en')} stored rows (goal ≤ ${goals.planningRatio})`);
  }
  for (const r of results.throughput) {
    if (r.ratio < goals.throughputRatio) lines.push(`MISSED throughput [${r.provider}]: ${fixed(r.ratio, 2)} of bare nodemailer (goal ≥ ${goals.throughputRatio})`);
  }
  for (const r of results.memory) {
    if (r.peakRssMb > goals.peakRssMb) lines.push(`MISSED memory [${r.provider}]: peak RSS ${fixed(r.peakRssMb)} MB (goal ≤ ${goals.peakRssMb} MB)`);
  }
  return lines;
}

await main();
