// The README's shell blocks, run as written. Each section (## or ### heading) runs in a fresh folder laid
// out like a checkout of this repository (its files linked in, its own ./data), with `npx docket`,
// `docket` (as after `npm link`) and `npm start` resolving to this checkout's bin/docket.js as npm would.
// A comment line right above a block can say `readme-test: skip (why)` or `readme-test: service` (a
// long-running command: it must come up and answer /healthz, then stop cleanly on SIGTERM). The only
// change to what the README says is the PostgreSQL server's address, swapped for a throwaway database.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, projectRoot } from './support/run-cli.js';
import { createTestDatabase, type TestDatabase } from './support/test-stores.js';
import { freePort } from './support/free-port.js';

beforeAll(() => ensureBuilt(), 180_000);

interface Block {
  section: string;
  mode: 'run' | 'skip' | 'service';
  code: string;
}

function readmeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^#{2,3} (.+)$/.exec(line);
    if (heading) section = heading[1]!;
    if (line !== '```sh') continue;
    const end = lines.indexOf('```', i + 1);
    const annotation = /^<!-- readme-test: (skip|service)\b/.exec(lines[i - 1] ?? '');
    blocks.push({ section, mode: (annotation?.[1] as Block['mode'] | undefined) ?? 'run', code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

const linked = ['bin', 'dist', 'config', 'prisma', 'templates', 'prisma.config.ts', 'examples', 'package.json', 'node_modules'];

function checkout(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-readme-'));
  for (const name of linked) symlinkSync(path.join(projectRoot, name), path.join(dir, name));
  const shims = path.join(dir, '.shims');
  mkdirSync(shims);
  const shim = (name: string, body: string) => {
    writeFileSync(path.join(shims, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(shims, name), 0o755);
  };
  shim('docket', `exec node "${dir}/bin/docket.js" "$@"`);
  shim('npx', `[ "$1" = docket ] || { echo "npx: only docket here" >&2; exit 127; }\nshift\nexec node "$PWD/bin/docket.js" "$@"`);
  shim('npm', `[ "$1" = start ] || { echo "npm: only start here" >&2; exit 127; }\nexec sh -c "exec $(node -p 'require("./package.json").scripts.start')"`);
  const env = { PATH: `${shims}:${process.env.PATH ?? ''}`, HOME: dir, NO_COLOR: '1', TZ: 'Pacific/Kiritimati' };
  return { dir, env };
}

function run(code: string, cwd: string, env: Record<string, string>) {
  const child = spawn('sh', ['-e', '-c', code], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  return { child, output, done };
}


const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const blocks = readmeBlocks(readme);
const pgExample = 'postgresql://docket@db.internal:5432/docket';

describe('README shell blocks, run as written', () => {
  let postgres: TestDatabase;
  beforeAll(async () => {
    postgres = await createTestDatabase('postgres');
  });
  afterAll(() => postgres.drop());

  it('finds the blocks the README promises work, and runs all but two', () => {
    const sections = new Set(blocks.filter((block) => block.mode !== 'skip').map((block) => block.section));
    expect([...sections]).toEqual(expect.arrayContaining(['Quick start', 'Load the canonical case, and replay it', 'Using it', 'Moving to PostgreSQL']));
    expect(blocks.filter((block) => block.mode === 'skip')).toHaveLength(2);
  });

  for (const section of [...new Set(blocks.map((block) => block.section))]) {
    const own = blocks.filter((block) => block.section === section && block.mode !== 'skip');
    if (own.length === 0) continue;
    it(`"${section}"`, async () => {
      const { dir, env } = checkout();
      for (const block of own) {
        const code = block.code.replaceAll(pgExample, postgres.url);
        if (block.mode === 'service') {
          const port = await freePort();
          // One command, exec'd all the way down, so SIGTERM reaches docket itself as systemd's would.
          const service = run(`exec ${code.trim()}`, dir, { ...env, PORT: String(port) });
          try {
            const deadline = Date.now() + 60_000;
            let healthy = false;
            while (!healthy && Date.now() < deadline) {
              healthy = await fetch(`http://localhost:${port}/healthz`).then((response) => response.ok, () => false);
              if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
            }
            expect(healthy, service.output.stderr).toBe(true);
            expect(existsSync(path.join(dir, 'data', 'docket.db'))).toBe(true);
          } finally {
            service.child.kill('SIGTERM');
          }
          expect(await service.done, service.output.stderr).toBe(0);
          // Not a TTY: JSON lines; and one line says where it listens (Fastify's own are not repeated).
          expect(service.output.stderr.split('\n').filter((line) => /listening/i.test(line))).toHaveLength(1);
          continue;
        }
        const result = run(code, dir, env);
        const exit = await result.done;
        expect(exit, `${code}\n--- stderr:\n${result.output.stderr}\n--- stdout:\n${result.output.stdout}`).toBe(0);
        if (/tick --now 2020-05-30T13:00:00Z/.test(code)) {
          // The replay sends what the README says: the 1-day reminder, to the New York analyst.
          expect(result.output.stdout).toMatch(/sent 1,/);
          const outbox = path.join(dir, 'data', 'outbox');
          const mails = readdirSync(outbox).map((file) => readFileSync(path.join(outbox, file), 'utf8'));
          expect(mails).toHaveLength(1);
          expect(mails[0]).toMatch(/^To: analyst@example\.com/m);
          expect(mails[0]!.replace(/=\r?\n/g, '')).toMatch(/^Subject: =\?UTF-8\?Q\?Due_in_1_day/m);
        }
      }
    }, 180_000);
  }
});
