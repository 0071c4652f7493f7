// Web benchmark: `npx tsx bench/web/run.ts [--seconds 8] [--rounds 3] [--connections 10] [--quick]
// [--json results.json]`. Starts the real app (buildApp + listen on 127.0.0.1:0, SQLite, 500 deadlines
// across 5 issues) and, in the same process, a bare Fastify app; autocannon (in a worker thread, so it
// does not share the servers' event loop) measures requests/s, interleaved so drift on a shared machine
// hits every route alike. Judged (goals from issue 4 §6): the issue page and /calendar.ics as a ratio to
// the bare route returning a constant, each run divided by the mean of the nearest bare runs around it,
// median over rounds. Controls, to tell the app's own cost from the cost of the bytes: the bare app
// serving the very same bytes as a constant Buffer, and the calendar as gzip (what calendar apps ask for).
// See docs/benchmarks.md ("Web").
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import Fastify from 'fastify';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { buildApp } from '../../src/web/app.js';
import { startWebServer } from '../../src/web/server.js';
import { fixed, median, progress } from '../support/measure.js';
import { benchNow, busySlug, canonicalSlug, seedBenchData } from './seed.js';

const goals = { page: 0.3, calendar: 0.5 } as const;
const secret = 'bench-secret-that-is-long-enough-0123456789';
const gzip = { 'accept-encoding': 'gzip' };

type Target = 'bare' | 'page' | 'page-bytes' | 'page-busy' | 'calendar' | 'calendar-bytes' | 'calendar-gzip' | 'calendar-revalidate';

interface Route {
  label: string;
  url: string;
  headers?: Record<string, string>;
  /** The judged ratio's goal (to bare), or null for controls. */
  goal: number | null;
  /** For app routes: the bare route serving the same bytes. */
  control?: Target;
  /** The status every answer must have (200 unless said). */
  status?: 304;
}

interface Run {
  target: Target;
  rps: number;
  mbPerS: number;
  p50Ms: number;
  p99Ms: number;
}

function options() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const quick = values.quick;
  const seconds = quick ? 2 : Number(values.seconds);
  const rounds = quick ? 1 : Number(values.rounds);
  const connections = Number(values.connections);
  for (const [name, value] of Object.entries({ seconds, rounds, connections })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${value})`);
  }
  return { seconds, rounds, connections, quick, json: values.json };
}

async function load(route: Route, connections: number, seconds: number): Promise<Result> {
  const result = await autocannon({ url: route.url, connections, duration: seconds, workers: 1, ...(route.headers ? { headers: route.headers } : {}) });
  const wrong = route.status === 304 ? result.requests.total - (result.statusCodeStats['304']?.count ?? 0) : result.non2xx;
  if (result.errors > 0 || result.timeouts > 0 || wrong > 0) {
    throw new Error(`${route.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${wrong} answers with an unexpected status`);
  }
  return result;
}

/** The body exactly as the app sends it to a client with these headers (still gzipped if it was). */
async function bytesOf(url: string, headers: Record<string, string> = {}): Promise<{ body: Buffer; type: string; encoding: string | null; etag: string | null }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`${url} answered ${response.statusCode}`));
        resolve({ body: Buffer.concat(chunks), type: String(response.headers['content-type']), encoding: response.headers['content-encoding'] ?? null, etag: response.headers.etag ?? null });
      });
    })
      .on('error', reject)
      .end();
  });
}

async function main(): Promise<void> {
  const { seconds, rounds, connections, quick, json } = options();
  progress('seeding 500 deadlines through the use cases');
  const data = await seedBenchData(500);
  progress(`seeded ${data.deadlines} deadlines in ${data.issues} issues in ${fixed(data.seedMs / 1000, 1)} s`);

  const config = loadConfig({ env: { DATABASE_URL: data.url, DOCKET_SECRET: secret, BASE_URL: 'http://127.0.0.1' } });
  // Production options (freshness window, caches, rate limits); a fixed clock so countdowns do not move.
  const app = await buildApp({ store: data.store, clock: fixedClock(benchNow), config, secret });
  const server = await startWebServer(app, { port: 0, host: '127.0.0.1' });
  const pageUrl = `${server.url}/issues/${canonicalSlug}`;
  const busyUrl = `${server.url}/issues/${busySlug}`;
  const calendarUrl = `${server.url}/calendar.ics`;

  const page = await bytesOf(pageUrl);
  const calendar = await bytesOf(calendarUrl);
  const calendarGzip = await bytesOf(calendarUrl, gzip);
  const busy = await bytesOf(busyUrl);
  const etag = calendar.etag;
  if (!etag) throw new Error('/calendar.ics sent no ETag');
  const events = calendar.body.toString('utf8').match(/^BEGIN:VEVENT/gm)?.length ?? 0;
  if (events !== data.deadlines) throw new Error(`/calendar.ics has ${events} events, expected ${data.deadlines}`);
  if (calendarGzip.encoding !== 'gzip') throw new Error('/calendar.ics did not answer gzip to Accept-Encoding: gzip');

  const bare = Fastify({ logger: false });
  bare.get('/', async () => 'ok');
  bare.get('/page', async (_request, reply) => reply.type(page.type).send(page.body));
  bare.get('/calendar', async (_request, reply) => reply.type(calendar.type).send(calendar.body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bare.server.address();
  if (bareAddress === null || typeof bareAddress === 'string') throw new Error('bare server has no TCP address');
  const bareUrl = `http://127.0.0.1:${bareAddress.port}`;

  const routes: Record<Target, Route> = {
    bare: { label: 'bare Fastify, constant "ok"', url: `${bareUrl}/`, goal: null },
    page: { label: `GET /issues/${canonicalSlug}`, url: pageUrl, goal: goals.page, control: 'page-bytes' },
    'page-bytes': { label: '  control: bare, same page bytes', url: `${bareUrl}/page`, goal: null },
    'page-busy': { label: `  GET /issues/${busySlug} (${Math.round((data.deadlines - 1) / 4)} deadlines)`, url: busyUrl, goal: null },
    calendar: { label: 'GET /calendar.ics', url: calendarUrl, goal: goals.calendar, control: 'calendar-bytes' },
    'calendar-bytes': { label: '  control: bare, same calendar bytes', url: `${bareUrl}/calendar`, goal: null },
    'calendar-gzip': { label: '  GET /calendar.ics, Accept-Encoding: gzip', url: calendarUrl, headers: gzip, goal: null },
    // What calendar apps do between edits: ask again with the ETag they hold and get 304 Not Modified.
    'calendar-revalidate': { label: '  GET /calendar.ics, If-None-Match (304)', url: calendarUrl, headers: { 'if-none-match': etag }, goal: null, status: 304 },
  };
  const sizes: Record<Target, number> = {
    bare: 2,
    page: page.body.length,
    'page-bytes': page.body.length,
    calendar: calendar.body.length,
    'calendar-bytes': calendar.body.length,
    'calendar-gzip': calendarGzip.body.length,
    'page-busy': busy.body.length,
    'calendar-revalidate': 0,
  };

  progress('warming up (2 s each)');
  for (const route of Object.values(routes)) await load(route, connections, 2);

  // Every app route sits between bare runs; each control right after the route it controls.
  const sequence: Target[] = ['bare'];
  for (let r = 0; r < rounds; r++) sequence.push('page', 'page-bytes', 'bare', 'page-busy', 'bare', 'calendar', 'calendar-bytes', 'bare', 'calendar-gzip', 'bare', 'calendar-revalidate', 'bare');
  const runs: Run[] = [];
  for (const [i, target] of sequence.entries()) {
    const result = await load(routes[target], connections, seconds);
    runs.push({ target, rps: result.requests.average, mbPerS: result.throughput.average / 1e6, p50Ms: result.latency.p50, p99Ms: result.latency.p99 });
    progress(`${i + 1}/${sequence.length} ${target}: ${fixed(result.requests.average)} req/s`);
  }

  const toBare = new Map<Target, number[]>();
  const toControl = new Map<Target, number[]>();
  runs.forEach((run, i) => {
    if (run.target === 'bare') return;
    const before = runs.slice(0, i).findLast((r) => r.target === 'bare')!;
    const after = runs.slice(i + 1).find((r) => r.target === 'bare')!;
    toBare.set(run.target, [...(toBare.get(run.target) ?? []), run.rps / ((before.rps + after.rps) / 2)]);
    const control = routes[run.target].control;
    if (control) toControl.set(run.target, [...(toControl.get(run.target) ?? []), run.rps / runs[i + 1]!.rps]);
  });

  const rows: string[][] = [['route', 'bytes', 'req/s', 'MB/s', 'p50 ms', 'p99 ms', 'ratio to bare', 'goal', '', 'to same bytes']];
  const verdicts: Record<string, { ratio: number; goal: number; ok: boolean }> = {};
  for (const [target, route] of Object.entries(routes) as Array<[Target, Route]>) {
    const mine = runs.filter((run) => run.target === target);
    const ratios = toBare.get(target) ?? [];
    const ratio = target === 'bare' ? 1 : median(ratios);
    if (route.goal !== null) verdicts[target] = { ratio, goal: route.goal, ok: ratio >= route.goal };
    const control = toControl.get(target);
    rows.push([
      route.label,
      sizes[target].toLocaleString('en'),
      fixed(median(mine.map((run) => run.rps))),
      fixed(median(mine.map((run) => run.mbPerS)), 1),
      fixed(median(mine.map((run) => run.p50Ms)), 1),
      fixed(median(mine.map((run) => run.p99Ms)), 1),
      target === 'bare' ? '1' : `${fixed(ratio, 3)} (${ratios.map((r) => fixed(r, 3)).join(', ')})`,
      route.goal === null ? '' : `≥ ${route.goal}`,
      route.goal === null ? '' : ratio >= route.goal ? 'ok' : 'MISSED',
      control ? `${fixed(median(control), 2)} (${control.map((r) => fixed(r, 2)).join(', ')})` : '',
    ]);
  }
  console.log(table(rows));
  console.log(
    `\n${quick ? 'quick run (smoke, not the recorded figures)' : 'full run'}: ${connections} connections, ${seconds} s per run, ${rounds} round(s), ` +
      `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${new Date().toISOString()}`,
  );
  if (json) writeFileSync(json, `${JSON.stringify({ date: new Date().toISOString(), quick, connections, seconds, rounds, sizes, runs, verdicts }, null, 2)}\n`);
  if (Object.values(verdicts).some((v) => !v.ok)) process.exitCode = 1;

  await server.close();
  await bare.close();
  await data.remove();
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
