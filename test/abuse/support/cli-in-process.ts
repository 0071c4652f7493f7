// Drives the `docket` entry point (src/cli/main.ts) inside the test process, the way bin/docket.js does,
// so a property can try hundreds of argument lists where spawning would cost ~0.4 s each. Output is
// captured by swapping process.stdout/stderr.write for the duration of one run; runs are therefore
// serial within a test file (vitest gives each file its own process).
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { main } from '../../../src/cli/main.js';
import { envKeys } from '../../../src/config/env-keys.js';
import type { CliResult } from '../../support/run-cli.js';

export interface InProcessOptions {
  databaseUrl: string;
  /** DOCKET_NOW, held still as run-cli.ts does. */
  now: string;
  env?: Record<string, string>;
}

let dataDir: string | undefined;
const hidden = envKeys.map((key) => key.name);
let running = false;

/** Variables a run sets; everything else of the test process's environment is hidden while it runs. */
function runEnv(options: InProcessOptions): Record<string, string> {
  dataDir ??= mkdtempSync(path.join(os.tmpdir(), 'docket-abuse-'));
  return {
    NO_COLOR: '1',
    DATABASE_URL: options.databaseUrl,
    DOCKET_DATA_DIR: dataDir,
    DOCKET_ACTOR: 'abuse-test',
    DOCKET_NOW: options.now,
    DOCKET_CLOCK_RATE: '0.000001',
    ...options.env,
  };
}

export async function runCliInProcess(args: string[], options: InProcessOptions): Promise<CliResult> {
  if (running) throw new Error('runCliInProcess runs one command at a time (it swaps process-wide streams)');
  running = true;
  const savedEnv = { ...process.env };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  let stdout = '';
  let stderr = '';
  const capture = (append: (text: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  // Vitest sets BASE_URL (Vite's) in the worker; a developer may have DOCKET_* set. Neither may leak in.
  for (const key of [...hidden, ...Object.keys(process.env).filter((name) => name.startsWith('DOCKET_'))]) delete process.env[key];
  Object.assign(process.env, runEnv(options));
  process.exitCode = undefined;
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.exitCode = undefined;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    running = false;
  }
}
