// Issue 16, logs: pino's pretty printer on a terminal, JSON otherwise; idle ticks at debug (an info line
// a minute is 1,440 a day that say nothing); and `.env` ignored when others can write to it.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { tickDidSomething } from '../../src/cli/tick-summary.js';
import type { TickResult } from '../../src/engine/run-tick.js';
import { createLogger } from '../../src/log.js';
import { ensureBuilt, projectRoot } from '../support/run-cli.js';

beforeAll(() => ensureBuilt(), 180_000);

function capture(isTTY: boolean): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => text };
}

describe('logs', () => {
  it('on a terminal: readable, coloured lines from pino-pretty; NO_COLOR drops the colour', () => {
    const tty = capture(true);
    createLogger('info', tty.stream, {}).info({ sent: 3 }, 'tick');
    expect(tty.text()).not.toMatch(/^\{/);
    expect(tty.text()).toMatch(/INFO.*tick/);
    expect(tty.text()).toContain('\u001b[');
    const plain = capture(true);
    createLogger('info', plain.stream, { NO_COLOR: '1' }).info('tick');
    expect(plain.text()).toMatch(/INFO.*tick/);
    expect(plain.text()).not.toContain('\u001b[');
  });

  it('elsewhere: one JSON object per line', () => {
    const pipe = capture(false);
    createLogger('info', pipe.stream, {}).info({ sent: 3 }, 'tick');
    expect(JSON.parse(pipe.text())).toMatchObject({ level: 30, msg: 'tick', sent: 3, service: 'docket' });
  });

  it('a tick that found nothing to do is idle (logged at debug); one that planned or sent anything is not', () => {
    const idle: TickResult = { now: '2020-05-12T00:00:00.000Z', planned: 0, lateMarked: 0, digests: 0, claimed: 0, sent: 0, retried: 0, deferred: 0, failed: 0, skipped: 0, pruned: 0, durationMs: 4 };
    expect(tickDidSomething(idle)).toBe(false);
    expect(tickDidSomething({ ...idle, planned: 1 })).toBe(true);
    expect(tickDidSomething({ ...idle, failed: 1 })).toBe(true);
  });

  it('docket serve logs no tick line at info for an idle minute', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-idle-'));
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'docket.js'), 'serve'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: `file:${path.join(dir, 'docket.db')}`, DOCKET_DATA_DIR: dir, DOCKET_WEB: 'false', DOCKET_CRON: '* * * * * *', DOCKET_MAIL_TRANSPORT: 'log' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Every second a tick; wait for the start-up lines, then three idle ticks.
    const deadline = Date.now() + 30_000;
    while (!stderr.includes('scheduler started') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 3500));
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toContain('scheduler started');
    expect(stderr.split('\n').filter((line) => line.includes('"msg":"tick'))).toEqual([]);
  }, 60_000);
});

describe('.env', () => {
  it('is read from the working directory, and ignored with a warning when group- or world-writable', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-dotenv-'));
    writeFileSync(path.join(dir, '.env'), 'DOCKET_DEFAULT_ZONE=Mars/Olympus\n');
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'docket.js'), 'doctor', '--json'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: `file:${path.join(dir, 'docket.db')}`, DOCKET_MAIL_TRANSPORT: 'log' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
        child.on('error', reject);
        child.on('close', () => resolve(out));
      });
    chmodSync(path.join(dir, '.env'), 0o600);
    expect(await run()).toContain('DOCKET_DEFAULT_ZONE=\\"Mars/Olympus\\"');
    chmodSync(path.join(dir, '.env'), 0o664);
    const ignored = await run();
    expect(ignored).toContain('docket: warning: ignoring .env: it is writable by group or others');
    expect(ignored).not.toContain('Mars/Olympus');
  });

  it('that cannot be read (here a symlink to itself) is one `docket:` line and exit 2, not a stack trace', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-dotenv-'));
    symlinkSync('.env', path.join(dir, '.env'));
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'docket.js'), 'issue', 'list'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: `file:${path.join(dir, 'docket.db')}` }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('docket: cannot read .env in this folder (ELOOP); fix or remove it\n');
    expect(existsSync(path.join(dir, 'docket.db'))).toBe(false);
  });
});
