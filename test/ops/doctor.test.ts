// `docket doctor` run as an operator would, against real stores, a real SMTP server (up, gone, or
// accepting connections and never answering), a real scheduler tick, and a database with a migration
// missing. Exit codes: 0 with warnings only, 1 when any check fails (a bad config value included).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/ops/run-doctor.js';
import { knownMigrations, migrationStatus } from '../../src/store/migrations.js';
import { ensureBuilt, jsonOf, runCli } from '../support/run-cli.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

const secret = 'doctor-test-secret-0123456789abcdef';
// A production-like mail setup: From at a real domain, DKIM-signed for it.
const keyDir = mkdtempSync(path.join(os.tmpdir(), 'docket-doctor-key-'));
const keyFile = path.join(keyDir, 'dkim.pem');
writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
const mailEnv = { MAIL_FROM: 'Docket <alerts@example.org>', DOCKET_DKIM_DOMAIN: 'example.org', DOCKET_DKIM_SELECTOR: 'docket', DOCKET_DKIM_PRIVATE_KEY_FILE: keyFile };

/** An HTTP server on loopback answering every path with `status` and `body`: Docket's /healthz, or another app. */
async function startHttp(status: number, body: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
const tickAt = '2020-05-30T00:00:00Z';

/** A TCP server that accepts connections and never says a word: a hung SMTP server or database. */
async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server: Server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const silent = await startSilentServer();
  await silent.close();
  return silent.port;
}

function statuses(report: DoctorReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.name, check.status]));
}

function check(report: DoctorReport, name: string) {
  const found = report.checks.find((item) => item.name === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(report)}`);
  return found;
}

describeStores('docket doctor', (ctx) => {
  let sink: SmtpSink;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docket-doctor-'));
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  const docket = (args: string[], options: { now?: string; env?: Record<string, string> } = {}) =>
    runCli(args, {
      databaseUrl: ctx.url,
      now: options.now ?? tickAt,
      env: { SMTP_URL: sink.url, DOCKET_SECRET: secret, BASE_URL: 'https://docket.example.org', DOCKET_DATA_DIR: dataDir, ...mailEnv, ...options.env },
    });
  const doctor = async (options: { now?: string; env?: Record<string, string>; args?: string[] } = {}) => {
    const result = await docket(['doctor', '--json', ...(options.args ?? [])], options);
    return { code: result.code, report: jsonOf<DoctorReport>(result), stderr: result.stderr };
  };

  it('on a healthy install that has never ticked: everything ok, the scheduler a warning, exit 0, nothing sent', async () => {
    const { code, report } = await doctor();
    // base-url: nothing answers at docket.example.org from here, so it could not be checked.
    expect(statuses(report)).toEqual({ config: 'ok', store: 'ok', migrations: 'ok', scheduler: 'warn', sources: 'ok', mail: 'ok', dkim: 'ok', 'mail-from': 'ok', secret: 'ok', 'base-url': 'warn' });
    expect(code).toBe(0);
    expect(check(report, 'scheduler').detail).toMatch(/no tick has been recorded/);
    expect(check(report, 'scheduler').fix).toMatch(/docket serve/);
    expect(check(report, 'mail').detail).toBe(`SMTP server at ${sink.url} answered EHLO (nothing sent)`);
    expect(check(report, 'migrations').detail).toBe(`${knownMigrations(ctx.url).length} applied, none pending`);
    expect(sink.messages).toHaveLength(0);
  });

  it('prints one line per check, with what to fix under each problem', async () => {
    const result = await docket(['doctor']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => /^(ok|warn|FAIL) /.test(line)).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'ok config', 'ok store', 'ok migrations', 'warn scheduler', 'ok sources', 'ok mail', 'ok dkim', 'ok mail-from', 'ok secret', 'warn base-url',
    ]);
    expect(lines[lines.indexOf(lines.find((line) => line.startsWith('warn'))!) + 1]).toMatch(/^\s+fix: start `docket serve`/);
    expect(lines.at(-1)).toBe('No failures, 2 warning(s).');
  });

  it('a tick within two cron intervals is ok; an older one is a warning (exit 0)', async () => {
    expect((await docket(['tick', '--now', tickAt])).code).toBe(0);
    const fresh = await doctor({ now: '2020-05-30T00:01:30Z' });
    expect(check(fresh.report, 'scheduler')).toMatchObject({ status: 'ok', detail: 'last tick at 2020-05-30T00:00:00.000Z, 90 s ago; DOCKET_CRON "* * * * *" fires every 60 s' });
    const stale = await doctor({ now: '2020-05-30T01:00:00Z' });
    expect(check(stale.report, 'scheduler')).toMatchObject({ status: 'warn', detail: 'last tick at 2020-05-30T00:00:00.000Z, 60 min ago; DOCKET_CRON "* * * * *" fires every 60 s' });
    expect(stale.code).toBe(0);
    // Measured against the configured interval: with an hourly cron the same tick is recent.
    const hourly = await doctor({ now: '2020-05-30T01:00:00Z', env: { DOCKET_CRON: '0 * * * *' } });
    expect(check(hourly.report, 'scheduler').status).toBe('ok');
  });

  it('an SMTP port with nothing behind it fails the mail check (exit 1) and says what to fix', async () => {
    const port = await closedPort();
    const { code, report } = await doctor({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(check(report, 'mail')).toMatchObject({ status: 'fail', detail: expect.stringMatching(new RegExp(`smtp://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`)) });
    expect(check(report, 'mail').fix).toMatch(/nothing accepts connections/);
    expect(statuses(report).store).toBe('ok');
  });

  it('an SMTP server that accepts and never answers cannot hang doctor: it fails after --timeout', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const { code, report } = await doctor({ env: { SMTP_URL: `smtp://127.0.0.1:${silent.port}` }, args: ['--timeout', '1'] });
      const elapsed = Date.now() - started;
      expect(code).toBe(1);
      expect(check(report, 'mail').status).toBe('fail');
      expect(check(report, 'mail').detail).toMatch(/did not answer within 1 s|Greeting never received/);
      expect(elapsed).toBeLessThan(8_000);
    } finally {
      await silent.close();
    }
  });

  it('a bad config value is the one failed check, naming the variable and value (exit 1)', async () => {
    const { code, report } = await doctor({ env: { DOCKET_MORNING_HOUR: '25' } });
    expect(code).toBe(1);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ name: 'config', status: 'fail' });
    expect(report.checks[0]!.detail).toBe('DOCKET_MORNING_HOUR=25: must be a whole number from 0 to 23');
    expect(report.checks[0]!.fix).toMatch(/^set DOCKET_MORNING_HOUR to a valid value/);
    // Doctor's own arguments are usage errors, as everywhere in the CLI.
    const usage = await docket(['doctor', '--timeout', 'soon']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('docket: --timeout "soon" must be a number of seconds between 0 and 600\n');
  });

  it('the outbox and log transports: a writable folder is ok, a folder that cannot be made fails, log sends nothing', async () => {
    const outbox = path.join(dataDir, 'outbox');
    const written = await doctor({ env: { SMTP_URL: '', DOCKET_MAIL_TRANSPORT: 'outbox', DOCKET_OUTBOX_DIR: outbox } });
    expect(check(written.report, 'mail')).toMatchObject({ status: 'ok', detail: `messages are written as .eml files to ${outbox} (writable)` });
    const blocker = path.join(dataDir, 'not-a-folder');
    writeFileSync(blocker, '');
    const blocked = await doctor({ env: { SMTP_URL: '', DOCKET_OUTBOX_DIR: path.join(blocker, 'outbox') } });
    expect(blocked.code).toBe(1);
    expect(check(blocked.report, 'mail')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/ENOTDIR/) });
    const logged = await doctor({ env: { DOCKET_MAIL_TRANSPORT: 'log' } });
    expect(logged.code).toBe(0);
    expect(check(logged.report, 'mail')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/nothing is sent/) });
    expect(logged.report.checks.some((item) => item.name === 'dkim')).toBe(false);
  });

  it('without DOCKET_SECRET: the secret generated in the store is shared; an old secret file that differs is a second secret (fail)', async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), 'docket-doctor-secret-'));
    const env = { DOCKET_SECRET: '', DOCKET_DATA_DIR: own };
    // A tick (any process on this database) generates the store's secret.
    expect((await docket(['tick', '--now', tickAt], { env })).code).toBe(0);
    expect(check((await doctor({ env })).report, 'secret')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/kept in the store: every process on this database signs links alike/) });
    writeFileSync(path.join(own, 'secret'), `${'s'.repeat(43)}\n`);
    const two = await doctor({ env });
    expect(two.code).toBe(1);
    expect(check(two.report, 'secret')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^two secrets in play: .*secret differs from the secret kept in the store/) });
    // DOCKET_SECRET on this process while another generated one in the store: also two in play.
    const mixed = await doctor();
    expect(check(mixed.report, 'secret')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^two secrets in play: DOCKET_SECRET differs/), fix: expect.stringMatching(/same DOCKET_SECRET on every process/) });
    await ctx.store.db.meta.delete({ where: { key: 'linkSecret' } });
  });

  it('BASE_URL: another port than PORT fails; a server that is not Docket fails; Docket\'s /healthz is reached; localhost warns', async () => {
    const wrongPort = await doctor({ env: { PORT: '18478', BASE_URL: 'http://localhost:8080' } });
    expect(check(wrongPort.report, 'base-url')).toMatchObject({ status: 'fail', detail: 'BASE_URL http://localhost:8080 names port 8080, but Docket listens on PORT 18478: every link in every email goes nowhere' });
    expect(wrongPort.code).toBe(1);
    const other = await startHttp(404, '{"message":"Route GET:/healthz not found"}');
    const docketLike = await startHttp(200, '{"status":"ok"}');
    try {
      const elsewhere = await doctor({ env: { PORT: String(other.port), BASE_URL: `http://127.0.0.1:${other.port}` } });
      expect(check(elsewhere.report, 'base-url')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/healthz answers, but not as Docket does/) });
      const reached = await doctor({ env: { PORT: String(docketLike.port), BASE_URL: `http://127.0.0.1:${docketLike.port}` } });
      expect(check(reached.report, 'base-url')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/reaches this Docket\): links in emails .* will not work for recipients/), fix: expect.stringMatching(/public address/) });
    } finally {
      await other.close();
      await docketLike.close();
    }
    // Unset: follows PORT, so no mismatch is possible.
    const unset = await doctor({ env: { PORT: '18478', BASE_URL: '' } });
    expect(check(unset.report, 'base-url')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^BASE_URL is http:\/\/localhost:18478 /) });
  });

  it('warns on SMTP from the default docket@localhost, on SMTP without DKIM, and on trusting every proxy on a public address', async () => {
    const { report } = await doctor({ env: { MAIL_FROM: 'Docket <docket@localhost>', DOCKET_DKIM_DOMAIN: '', DOCKET_DKIM_SELECTOR: '', DOCKET_DKIM_PRIVATE_KEY_FILE: '', DOCKET_TRUST_PROXY: 'true', DOCKET_HOST: '0.0.0.0' } });
    expect(check(report, 'mail-from')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/localhost address .*DMARC/) });
    expect(check(report, 'dkim')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/not DKIM-signed .*SMTP/) });
    expect(check(report, 'trust-proxy')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/DOCKET_TRUST_PROXY=true while listening on 0\.0\.0\.0/) });
    const loopback = await doctor({ env: { DOCKET_TRUST_PROXY: 'true', DOCKET_HOST: '127.0.0.1' } });
    expect(check(loopback.report, 'trust-proxy').status).toBe('ok');
    const listed = await doctor({ env: { DOCKET_TRUST_PROXY: '10.0.0.0/8' } });
    expect(listed.report.checks.some((item) => item.name === 'trust-proxy')).toBe(false);
  });

  // Last: from here on the database is missing a migration.
  it('reports a pending migration as a warning and does not apply it', async () => {
    const last = knownMigrations(ctx.url).at(-1)!;
    await ctx.store.db.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = '${last}'`);
    const { code, report } = await doctor({ now: '2020-05-30T00:00:30Z' });
    expect(code).toBe(0);
    expect(check(report, 'migrations')).toMatchObject({ status: 'warn', detail: expect.stringContaining(`1 pending: ${last}`), fix: expect.stringMatching(/docket db migrate/) });
    expect((await migrationStatus(ctx.store)).pending).toEqual([last]);
  });
});

describe('docket doctor with PostgreSQL down or hung', () => {
  const run = (databaseUrl: string, args: string[] = []) =>
    runCli(['doctor', '--json', ...args], { databaseUrl, env: { DOCKET_MAIL_TRANSPORT: 'log', DOCKET_SECRET: secret } });

  it('a PostgreSQL port with nothing behind it fails the store check and says what to check (exit 1)', async () => {
    const result = await run(`postgresql://docket@127.0.0.1:${await closedPort()}/docket`);
    expect(result.code).toBe(1);
    const report = jsonOf<DoctorReport>(result);
    expect(check(report, 'store')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/PostgreSQL is running and reachable/) });
    expect(report.checks.some((item) => item.name === 'migrations')).toBe(false);
  });

  it('a PostgreSQL server that never answers fails after --timeout instead of hanging', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await run(`postgresql://docket@127.0.0.1:${silent.port}/docket`, ['--timeout', '1']);
      expect(result.code).toBe(1);
      expect(check(jsonOf<DoctorReport>(result), 'store')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/did not answer within 1 s/), timedOut: true });
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await silent.close();
    }
  });
});
