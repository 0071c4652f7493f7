// Runs tests one at a time, each alone in its file (`npx vitest run <file> -t "<name>"`), to find tests
// that only pass after the ones before them have left data behind. `npm run test:isolation -- [--sample N]
// [--seed N] [folder …]`: a seeded random sample (default 25) of the tests vitest lists, or all with
// `--sample all`. Exit code 1 when any failed alone; each failure is printed with the command to rerun it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../support/seeded-random.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sample: { type: 'string', default: '25' }, seed: { type: 'string' } } });
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
const folders = positionals.length > 0 ? positionals : ['test'];
if (!Number.isInteger(seed) || (values.sample !== 'all' && !(Number.isInteger(Number(values.sample)) && Number(values.sample) > 0))) {
  console.error(`usage: npm run test:isolation -- [--sample N|all] [--seed N] [folder …] (got --sample ${values.sample}${values.seed === undefined ? '' : `, --seed ${values.seed}`})`);
  process.exit(2);
}

const listFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-isolation-')), 'list.json');
execFileSync('npx', ['vitest', 'list', `--json=${listFile}`, ...folders], { stdio: ['ignore', 'ignore', 'inherit'] });
const tests = (JSON.parse(readFileSync(listFile, 'utf8')) as Array<{ name: string; file: string }>).filter((t) => !t.file.includes('/browser/')); // each starts Chromium: not sampled

const random = seededRandom(seed);
const count = values.sample === 'all' ? tests.length : Math.min(tests.length, Number(values.sample));
// In a fixed order first: vitest lists files as they finish collecting.
const ordered = [...tests].sort((a, b) => (a.file + a.name).localeCompare(b.file + b.name));
const picked = ordered.map((test) => ({ test, key: random() })).sort((a, b) => a.key - b.key).slice(0, count).map(({ test }) => test);

// -t takes a pattern matched against the full name, "describe test" joined by spaces (`vitest list`
// joins them with " > "); everything else in the name is taken literally.
const pattern = (name: string) => `^${name.split(' > ').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ')}$`;
console.log(`isolation: ${picked.length} of ${tests.length} tests, one at a time (seed ${seed}; rerun with --seed ${seed})`);
const failures: string[] = [];
for (const [i, test] of picked.entries()) {
  const file = path.relative(process.cwd(), test.file);
  const args = ['vitest', 'run', file, '-t', pattern(test.name)];
  const run = spawnSync('npx', args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  // Exactly one test ran and passed: a pattern that matched nothing would "pass" with all skipped.
  const passed = run.status === 0 && /Tests\s+1 passed/.test(run.stdout.replace(/\x1b\[[0-9;]*m/g, ''));
  console.log(`${String(i + 1).padStart(3)}/${picked.length} ${passed ? 'ok  ' : 'FAIL'} ${file} > ${test.name}`);
  if (!passed) failures.push(`npx vitest run ${file} -t '${pattern(test.name).replace(/'/g, "'\\''")}'`);
}
if (failures.length > 0) {
  console.log(`\n${failures.length} failed alone:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`\nall ${picked.length} passed alone`);
