// `docket serve` as an operator runs it: the built CLI (bin/docket.js) in a child process with a clean
// environment, its pino log lines (stderr) parsed as they come, its CPU time and RSS read from /proc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../support/run-cli.js';
import { waitUntil } from './wait.js';

export interface LogLine {
  level: number;
  time: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * Docket time that runs on across restarts: each start gets DOCKET_NOW = where the clock is now, so a
 * restarted service does not jump back and wait out leases it granted itself before the kill.
 */
export class ReplayClock {
  readonly #realStart = Date.now();
  #skipped = 0;
  constructor(
    readonly start: Date,
    readonly rate = 1,
  ) {}
  now(): Date {
    return new Date(this.start.getTime() + (Date.now() - this.#realStart) * this.rate + this.#skipped);
  }
  /** Moves Docket time on by `ms` (while the service is down: the next start gets the later DOCKET_NOW). */
  skip(ms: number): void {
    this.#skipped += ms;
  }
}

export interface ServiceOptions {
  databaseUrl: string;
  smtpUrl: string;
  clock?: ReplayClock;
  /** DOCKET_* settings for this scenario (cron, lease, retries, timeouts…). */
  env?: Record<string, string>;
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const secret = 'fault-suite-secret-0123456789abcdef';

/** Settings every scenario shares: a tick every second, SMTP only, no web server. */
export const serviceDefaults: Record<string, string> = {
  DOCKET_CRON: '* * * * * *',
  DOCKET_MAIL_TRANSPORT: 'smtp',
  DOCKET_WEB: 'false',
  // Idle ticks log at debug ('tick (idle)'); the scenarios count every tick.
  LOG_LEVEL: 'debug',
};

export class Service {
  readonly logs: LogLine[] = [];
  /** stderr lines that are not JSON (a crash's stack trace, for instance). */
  readonly otherOutput: string[] = [];
  #child: ChildProcess | null = null;
  #exited: Promise<number | string | null> = Promise.resolve(null);
  readonly #dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-faults-'));
  starts = 0;

  /** Output lines collected before the current run began (a run has started once it adds one). */
  #linesAtStart = 0;

  constructor(readonly options: ServiceOptions) {}

  get pid(): number {
    if (!this.#child?.pid) throw new Error('service is not running');
    return this.#child.pid;
  }

  /** How the last run ended: exit code or signal ('running' while it runs). */
  exitStatus(): string {
    if (!this.#child) return 'never started';
    return this.running ? 'running' : String(this.#child.signalCode ?? this.#child.exitCode);
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  start(): void {
    const { databaseUrl, smtpUrl, clock, env } = this.options;
    this.#linesAtStart = this.logs.length + this.otherOutput.length;
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'docket.js'), 'serve'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        TZ: 'UTC',
        DATABASE_URL: databaseUrl,
        DOCKET_DATA_DIR: this.#dataDir,
        SMTP_URL: smtpUrl,
        DOCKET_SECRET: secret,
        ...serviceDefaults,
        ...(clock && { DOCKET_NOW: clock.now().toISOString(), DOCKET_CLOCK_RATE: String(clock.rate) }),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.starts += 1;
    let pending = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) this.#collect(line);
    });
    this.#exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    this.#child = child;
  }

  #collect(line: string): void {
    if (line.trim() === '') return;
    try {
      this.logs.push(JSON.parse(line) as LogLine);
    } catch {
      this.otherOutput.push(line);
    }
  }

  /** Waits for this run's first completed tick (the store is open and migrated by then). */
  async ready(timeoutMs = 60_000): Promise<void> {
    const before = this.ticks().length;
    const startedAt = this.starts;
    await waitUntil(() => {
      if (!this.running) throw new Error(`docket serve exited during start (start ${startedAt}):\n${this.otherOutput.join('\n')}`);
      return this.ticks().length > before;
    }, timeoutMs, 'the first tick of docket serve');
  }

  /** SIGKILL: no shutdown handler runs, whatever was claimed stays claimed. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL');
    await this.#exited;
  }

  /** SIGTERM and wait: the service finishes its tick in flight and exits 0. */
  async stop(timeoutMs = 60_000): Promise<number | string | null> {
    if (!this.running) return this.#exited;
    // A signal that reaches a process before Node has run any of its code kills any program; Docket listens
    // from its first line on (src/cli/stop-signal.ts). A just-restarted service is given until its first log line.
    await waitUntil(() => this.logs.length + this.otherOutput.length > this.#linesAtStart || !this.running, 30_000, 'the first log line of docket serve');
    if (!this.running) return this.#exited;
    this.#child!.kill('SIGTERM');
    const timer = setTimeout(() => this.#child?.kill('SIGKILL'), timeoutMs);
    const result = await this.#exited;
    clearTimeout(timer);
    return result;
  }

  ticks(): LogLine[] {
    return this.logs.filter((line) => line.msg === 'tick' || line.msg === 'tick (idle)');
  }

  errors(): LogLine[] {
    return this.logs.filter((line) => line.level >= 50);
  }

  /** User + system CPU seconds used by the process so far. */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based).
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  }

  rssMb(): number {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1];
    return Number(kb) / 1024;
  }
}

/** Lines of a service's log (and stray stderr) that mention SQLite's busy/locked errors. */
export function busyErrors(service: Service): string[] {
  const busy = /SQLITE_BUSY|database is locked/i;
  return [...service.logs.map((line) => JSON.stringify(line)), ...service.otherOutput].filter((line) => busy.test(line));
}
