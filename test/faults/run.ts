// The fault-injection and soak suite: `npm run test:faults [-- --full] [--only a,b] [--seed N]
// [--cli-deadlines N]`.
// Each scenario runs real processes (`docket serve`, an SMTP server that misbehaves on command, SQLite or
// PostgreSQL), ends with a message-by-message check, and prints one row of figures. Exit code 1 when any
// goal is missed. See docs/reliability.md.
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../support/run-cli.js';
import { channelOutage, channelOutagePostgres } from './scenarios/channel-outage.js';
import { cliAndService } from './scenarios/cli-and-service.js';
import { crashWhileSending } from './scenarios/crash-while-sending.js';
import { postgresRestart } from './scenarios/postgres-restart.js';
import { smtpErrors } from './scenarios/smtp-errors.js';
import { soak } from './scenarios/soak.js';
import { smtpOutage } from './scenarios/smtp-outage.js';
import { threeInstances } from './scenarios/three-instances.js';
import { seededRandom, type Mode, type Scenario, type ScenarioResult } from './support/scenario.js';
import { printTable } from './support/table.js';

const scenarios: Scenario[] = [crashWhileSending, smtpOutage, smtpErrors, postgresRestart, threeInstances, cliAndService, soak, channelOutage, channelOutagePostgres];

function options(): { mode: Mode; only: Scenario[]; seed: number; cliDeadlines: number | undefined } {
  const { values } = parseArgs({
    options: { full: { type: 'boolean', default: false }, only: { type: 'string' }, seed: { type: 'string' }, 'cli-deadlines': { type: 'string' } },
  });
  const names = values.only?.split(',').map((name) => name.trim()) ?? scenarios.filter((s) => !s.onlyWhenNamed).map((s) => s.name);
  const unknown = names.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`--only ${unknown.join(',')}: unknown scenario; known: ${scenarios.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
  if (!Number.isInteger(seed)) {
    console.error(`--seed ${values.seed}: expected an integer`);
    process.exit(2);
  }
  const cliDeadlines = values['cli-deadlines'] === undefined ? undefined : Number(values['cli-deadlines']);
  if (cliDeadlines !== undefined && !(Number.isInteger(cliDeadlines) && cliDeadlines > 0)) {
    console.error(`--cli-deadlines ${values['cli-deadlines']}: expected a positive integer`);
    process.exit(2);
  }
  return { mode: values.full ? 'full' : 'short', only: scenarios.filter((s) => names.includes(s.name)), seed, cliDeadlines };
}

async function main(): Promise<void> {
  const { mode, only, seed, cliDeadlines } = options();
  ensureBuilt();
  const started = Date.now();
  console.log(`fault suite, ${mode} mode, seed ${seed} (rerun the same kill moments with --seed ${seed})`);
  const results: ScenarioResult[] = [];
  for (const scenario of only) {
    const at = Date.now();
    console.log(`\n▶ ${scenario.name}`);
    let result: ScenarioResult;
    try {
      result = await scenario.run({ mode, random: seededRandom(seed), cliDeadlines });
    } catch (error) {
      result = { scenario: scenario.name, store: 'sqlite', alerts: 0, lost: 0, duplicated: 0, notes: [], misses: [`crashed: ${(error as Error).stack ?? String(error)}`] };
    }
    result.notes.push(`${((Date.now() - at) / 1000).toFixed(0)} s`);
    for (const miss of result.misses) console.log(`  MISSED: ${miss}`);
    console.log(`  ${result.misses.length === 0 ? 'ok' : result.knownBug ? `FAILED (known bug: ${result.knownBug})` : 'FAILED'}: ${result.notes.join('; ')}`);
    results.push(result);
  }
  console.log('');
  printTable(results);
  console.log(`\n${mode} mode, ${((Date.now() - started) / 60_000).toFixed(1)} min`);
  // Repeated last, without stack frames: a CI log is often read from its end.
  for (const result of results.filter((r) => r.misses.length > 0)) {
    for (const miss of result.misses) console.log(`missed in ${result.scenario}: ${miss.split('\n    at ')[0]!.slice(-3_000)}`);
  }
  if (results.some((r) => r.misses.length > 0)) process.exitCode = 1;
}

await main();
