// `docket serve` as an operator runs it: a child process with a fast cron, a replayed clock and a real
// SMTP server. It delivers what is due, serves the pages, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, projectRoot, runCli } from '../support/run-cli.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

describeStores('docket serve', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  /** `docket serve` as a child process on this store and sink; `log()` is its stderr so far. */
  function startServe(env: Record<string, string>) {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'docket.js'), 'serve'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: ctx.url,
        DOCKET_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'docket-serve-')),
        SMTP_URL: sink.url,
        DOCKET_SECRET: 'serve-test-secret-0123456789abcdef',
        PORT: '0',
        DOCKET_HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    return { child, log: () => log };
  }

  it('ticks on its cron, sends what is due in the replayed May 2020, answers /readyz, and exits 0 on SIGTERM', async () => {
    const setup = (args: string[]) => runCli(args, { databaseUrl: ctx.url, now: '2020-05-12T18:38:00+09:00' });
    expect((await setup(['issue', 'add', 'jk', '--title', 'Japan–South Korea export controls'])).code).toBe(0);
    expect((await setup(['subscriber', 'add', 'seoul@example.com', '--zone', 'Asia/Seoul'])).code).toBe(0);
    expect((await setup(['subscribe', 'seoul@example.com', 'jk'])).code).toBe(0);
    expect((await setup(['deadline', 'add', '--issue', 'jk', '--title', "South Korea's request", '--due', 'end of this month', '--zone', 'Asia/Seoul'])).code).toBe(0);

    // The morning of 30 May in Seoul: the new-deadline notice and the 1-day reminder are due.
    const { child, log } = startServe({ DOCKET_NOW: '2020-05-30T09:00:30+09:00', DOCKET_CRON: '* * * * * *' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await sink.waitFor(2, 20_000);
      const subjects = sink.messages.map((message) => message.parsed.subject).sort();
      // The 7-day reminder's moment (24 May) was already past when the deadline was planned on 30 May
      // and more than a day old, so it is not owed; the new-deadline notice and the 1-day reminder are.
      expect(subjects).toEqual(["Due in 1 day: South Korea's request — Sun 31 May 2020", "New deadline: South Korea's request — due Sun 31 May 2020"]);
      // The scheduler starts first and may have sent before the web server is listening: wait for it.
      const listening = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/;
      for (let waited = 0; !listening.test(log()) && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      const url = listening.exec(log())?.[1];
      expect(url, log()).toBeDefined();
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const page = await fetch(`${url}/issues/jk`);
      expect(await page.text()).toContain('Japan–South Korea export controls');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(log()).toMatch(/"msg":"stopped"/);
    // Each tick wrote one structured line with its counts.
    expect(log()).toMatch(/"tick":\{"now":"2020-05-30T00:00:3\d\.\d+Z","planned":\d+.*"sent":\d+/);
    // Nothing was sent twice, however many ticks ran.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.messages).toHaveLength(2);
  });

  it('exits 0 on a SIGTERM that arrives soon after it was started, however far start-up had got', async () => {
    const { child, log } = startServe({});
    const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
    // Node has run bin/docket.js by then; start-up (modules, migrations) may or may not be done, and a
    // stop must end in exit 0 either way (it used to die by the signal while modules loaded).
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGTERM');
    expect(await exited, log()).toEqual([0, null]);
    expect(log()).toMatch(/"msg":"stopped"/);
  });
});
