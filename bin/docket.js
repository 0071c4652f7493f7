#!/usr/bin/env node
import { readFileSync, statSync } from 'node:fs';

// `docket --version` answers before anything else loads: scripts call it often, and it needs nothing.
const [first, ...rest] = process.argv.slice(2);
if ((first === '--version' || first === '-V') && rest.length === 0) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // How the process runs, decided here for each command before the CLI loads (one place for such flags).
  // Every command but `serve` is over in a moment: V8's baseline compiler is enough for Prisma's query
  // compiler (WebAssembly), and optimising it in background threads kept each command alive ~35 ms after
  // its work was done.
  if (first !== 'serve') (await import('node:v8')).setFlagsFromString('--liftoff-only');
  // (A heap limit for the long-running commands, as `npm start` passes, also belongs here; V8 takes it only
  // when the process starts, so it needs a re-exec or NODE_OPTIONS rather than setFlagsFromString.)
  // A .env in the working directory is read first; variables already set in the environment win. One that
  // others can write to is ignored: it could point DOCKET_TEMPLATES_DIR (templates are code) anywhere.
  // A .env that cannot be read (a symlink loop, no permission) is the person's to fix: one line, exit 2.
  try {
    const dotenv = statSync('.env', { throwIfNoEntry: false });
    if (dotenv?.isFile() && (dotenv.mode & 0o022) !== 0) process.stderr.write('docket: warning: ignoring .env: it is writable by group or others (chmod go-w .env)\n');
    else if (dotenv?.isFile()) process.loadEnvFile('.env');
  } catch (error) {
    process.stderr.write(`docket: cannot read .env in this folder (${error.code ?? error.message}); fix or remove it\n`);
    process.exit(2);
  }
  // The service listens for SIGTERM before the heavy modules load (see src/cli/stop-signal.ts).
  if (first === 'serve') await import('../dist/cli/stop-signal.js');
  // dist/cli is one esbuild bundle of src/ (scripts/bundle-cli.mjs, run by `npm run build`).
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv.slice(2));
}
