// Runs the built `docket` command as a user would (`node bin/docket.js …`) against a given database, with
// a clean environment: only the variables Docket is told about here, so a developer's own DOCKET_* or
// DATABASE_URL can never leak into a test.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tx } from '../../src/store/open-store.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(projectRoot, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  databaseUrl: string;
  /** DOCKET_NOW; the clock is then held still (DOCKET_CLOCK_RATE tiny) so output is the same every run. */
  now?: string;
  env?: Record<string, string>;
}

let dataDir: string | undefined;

export function runCli(args: string[], options: RunCliOptions): Promise<CliResult> {
  dataDir ??= mkdtempSync(path.join(os.tmpdir(), 'docket-cli-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    // A zone far from any deadline's: output must not depend on the machine's zone.
    TZ: 'Pacific/Kiritimati',
    NO_COLOR: '1',
    DATABASE_URL: options.databaseUrl,
    DOCKET_DATA_DIR: dataDir,
    DOCKET_ACTOR: 'test-admin',
    ...(options.now !== undefined && { DOCKET_NOW: options.now, DOCKET_CLOCK_RATE: '0.000001' }),
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    // stdin is not a terminal, as in scripts: `deadline add` saves without asking.
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'docket.js'), ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Parses stdout as JSON, failing with the command's stderr when it is not. */
export function jsonOf<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`expected JSON on stdout (exit ${result.code}); stderr: ${result.stderr}; stdout: ${result.stdout}`);
  }
}

/**
 * Bundles the CLI into dist/cli (scripts/bundle-cli.mjs) when it is missing or older than any source file
 * (`npm ci` builds it through `prepare`, so usually this does nothing). One builder at a time across test
 * workers.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = path.join(os.tmpdir(), `docket-build-${Buffer.from(projectRoot).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than 3 minutes belongs to a crashed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (isFresh()) return;
    // The bundler does not type-check (`npm run build` and `npm run typecheck` do): a type error in a file
    // being edited elsewhere must not stop the tests from running the current code.
    const build = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'bundle-cli.mjs')], { cwd: projectRoot, encoding: 'utf8' });
    if (build.status !== 0 || !existsSync(entry)) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

function isFresh(): boolean {
  if (!existsSync(entry)) return false;
  return newestMtime(path.join(projectRoot, 'src')) <= statSync(entry).mtimeMs;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Every row of the tables the admin commands write, in id order: compare two of these to prove a
 * failed command left the store exactly as it was.
 */
export async function snapshotStore(db: Tx): Promise<string> {
  const [issues, deadlines, events, subscribers, subscriptions] = await Promise.all([
    db.trackedIssue.findMany({ orderBy: { id: 'asc' } }),
    db.deadline.findMany({ orderBy: { id: 'asc' } }),
    db.event.findMany({ orderBy: { id: 'asc' } }),
    db.subscriber.findMany({ orderBy: { id: 'asc' } }),
    db.subscription.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ issues, deadlines, events, subscribers, subscriptions });
}
