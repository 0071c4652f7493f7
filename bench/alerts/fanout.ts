// Fan-out benchmark: `npx tsx bench/alerts/fanout.ts [--provider sqlite|postgres|both] [--followers 100000]
// [--small 10000] [--lifecycle 10000] [--by-hand [--service-flags]]`. One issue followed by N confirmed subscribers in five zones; a
// deadline is added, and a fresh process with the service's Node flags runs the tick that plans and sends
// the N "new deadline" notices, then (another process) the tick at the 7-day milestone. Judged, per the
// alert-engine issue: peak RSS ≤ 200 MB and ≤ 1.2× the same figure at the small size; the first message
// accepted before 2 % of the tick has elapsed (sending starts before planning ends); throughput ≥ 0.7× bare
// nodemailer (pooled, the same messages) measured in this run; and after a whole lifecycle (notice, three
// reminders, four overdue, resolution) at most 1 % more Alert rows than messages sent.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { planReminders } from '../../src/alerts/plan-reminders.js';
import { loadAlertView } from '../../src/engine/alert-views.js';
import { renderAlert, type RenderContext } from '../../src/mail/render-alert.js';
import { mailOptions, type OutgoingMessage } from '../../src/mail/transport.js';
import type { Provider, Store } from '../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-stores.js';
import { runInChild } from '../support/child.js';
import { fixed, progress, timed } from '../support/measure.js';
import { startRemoteSink, type RemoteSink } from '../support/remote-sink.js';
import { serviceNodeFlags } from '../support/service-flags.js';
import { benchEngine, type BenchEngine } from './engine.js';
import type { FanoutTickResult } from './fanout-tick.js';
import { insertRows } from './seed-world.js';

const goals = { peakRssMb: 200, rssGrowth: 1.2, firstSentShare: 0.02, throughputRatio: 0.7, rowsPerSent: 1.01 };
const zones = ['Asia/Seoul', 'Asia/Tokyo', 'America/New_York', 'Europe/Berlin', 'UTC'];
const announced = new Date('2026-06-01T09:05:00.000Z');
const dayMs = 86_400_000;
/** Messages pre-rendered for the bare baseline; it sends them round-robin. */
const sampleSize = 2_000;
const bareInFlight = 50;

interface Tick extends FanoutTickResult {
  what: string;
  followers: number;
}

async function seed(store: Store, followers: number): Promise<{ deadlineId: number; issueId: number }> {
  const at = new Date(announced.getTime() - 30 * dayMs);
  await insertRows(store, 'Subscriber', ['id', 'email', 'zone', 'delivery', 'confirmedAt', 'createdAt', 'updatedAt', 'linkKey'], (function* () {
    for (let id = 1; id <= followers; id++) yield [id, `reader${id}@example.com`, zones[id % zones.length]!, 'immediate', at, at, at, `bench-link-key-${id}`];
  })());
  const issue = await store.db.trackedIssue.create({
    data: { slug: 'japan-korea-export-controls', title: 'Japan–South Korea export controls', summary: 'Japan tightened export controls on three semiconductor materials to South Korea in July 2019.', partiesJson: '["Japan","South Korea"]', createdAt: at, updatedAt: at },
  });
  await insertRows(store, 'Subscription', ['subscriberId', 'issueId', 'deadlineId', 'scope', 'createdAt'], (function* () {
    for (let id = 1; id <= followers; id++) yield [id, issue.id, null, 'issue', at];
  })());
  if (store.provider === 'postgres') {
    await store.db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Subscriber"', 'id'), (SELECT max(id) FROM "Subscriber"))`);
    await store.db.$executeRawUnsafe('ANALYZE');
  }
  // A deadline added the way the use case writes it: the row, and the event subscribers hear about.
  const deadline = await store.db.deadline.create({
    data: { issueId: issue.id, title: "South Korea's request for Japan's position on export controls", demandedBy: 'South Korea', demandedOf: 'Japan', announcedAt: announced, dueAt: new Date(announced.getTime() + 30 * dayMs), zone: 'Asia/Seoul', precision: 'day', expression: 'within 30 days', createdAt: announced, updatedAt: announced },
  });
  await store.db.event.create({ data: { issueId: issue.id, deadlineId: deadline.id, kind: 'deadline.created', actor: 'bench', at: announced, notify: true } });
  return { deadlineId: deadline.id, issueId: issue.id };
}

/** The latest instant, over the five zones, at which `milestone` falls due. */
function momentOf(engine: BenchEngine, dueAt: Date, milestone: string): Date {
  return new Date(Math.max(...zones.map((zone) => planReminders({ due: { instant: dueAt, zone: 'Asia/Seoul', precision: 'day' }, subscriberZone: zone, policy: engine.settings.policy }).find((p) => p.milestone === milestone)!.sendAt.getTime())));
}

async function tickInChild(database: TestDatabase, sink: RemoteSink, now: Date, expected: number, what: string, followers: number): Promise<Tick> {
  await sink.reset();
  const result = await runInChild<FanoutTickResult>(fileURLToPath(new URL('./fanout-tick.ts', import.meta.url)), [database.url, sink.url, now.toISOString(), String(expected)], serviceNodeFlags());
  const stats = await sink.waitFor(expected, 60_000);
  if (stats.messages !== expected || stats.distinctIds !== expected) throw new Error(`${what}: the sink got ${JSON.stringify(stats)}, expected ${expected} distinct messages`);
  progress(`${what} × ${followers.toLocaleString('en')}: ${fixed(result.ms / 1000, 1)} s, ${fixed(result.rate)} msg/s, first accepted at ${fixed(result.firstSentMs)} ms, peak RSS ${fixed(result.peakRssMb)} MB`);
  return { ...result, what, followers };
}

/** Bare nodemailer, same pooled options, sending `count` messages from the pre-rendered sample. */
async function bareRate(engine: BenchEngine, sink: RemoteSink, sample: OutgoingMessage[], count: number): Promise<number> {
  await sink.reset();
  const { mail } = engine;
  const transport = nodemailer.createTransport({ url: mail.smtpUrl!, pool: mail.pool, maxConnections: mail.maxConnections, connectionTimeout: mail.connectionTimeoutMs, greetingTimeout: mail.greetingTimeoutMs, socketTimeout: mail.socketTimeoutMs } as Parameters<typeof nodemailer.createTransport>[0]);
  let next = 0;
  const { ms } = await timed(async () => {
    await Promise.all(Array.from({ length: bareInFlight }, async () => {
      while (next < count) await transport.sendMail(mailOptions(sample[next++ % sample.length]!));
    }));
  });
  transport.close();
  await sink.waitFor(count, 60_000);
  return count / (ms / 1000);
}

async function sampleMessages(store: Store, engine: BenchEngine, milestone: string, now: Date): Promise<OutgoingMessage[]> {
  const ctx: RenderContext = { links: { baseUrl: engine.settings.baseUrl }, secret: engine.secret, now, from: engine.settings.from, templatesDir: engine.settings.templatesDir, host: engine.settings.host };
  const rows = await store.db.alert.findMany({ where: { milestone }, take: sampleSize, orderBy: { id: 'asc' } });
  const messages: OutgoingMessage[] = [];
  for (const row of rows) {
    const loaded = await loadAlertView(store.db, row, now);
    if ('view' in loaded) messages.push({ from: engine.settings.from, to: loaded.view.subscriber.email, email: renderAlert(loaded.view, ctx) });
  }
  return messages;
}

async function run(provider: Provider, followers: number, options: { bare: boolean; lifecycle: boolean }): Promise<{ ticks: Tick[]; bare: number[]; rows?: number; sent?: number }> {
  const sink = await startRemoteSink();
  const engine = benchEngine(sink.url);
  const database = await createTestDatabase(provider);
  const store = await database.open();
  try {
    const { deadlineId } = await seed(store, followers);
    const dueAt = new Date(announced.getTime() + 30 * dayMs);
    progress(`${provider}: ${followers.toLocaleString('en')} followers in ${zones.length} zones; a deadline is added`);
    const ticks = [await tickInChild(database, sink, announced, followers, 'notice', followers)];
    const bare: number[] = [];
    const sevenDays = momentOf(engine, dueAt, 'before:P7D');
    ticks.push(await tickInChild(database, sink, sevenDays, followers, '7-day reminder', followers));
    if (options.bare) {
      const sample = await sampleMessages(store, engine, 'before:P7D', sevenDays);
      const count = Math.min(followers, 20_000);
      bare.push(await bareRate(engine, sink, sample, count));
      progress(`${provider}: bare nodemailer ${fixed(bare[0]!)} msg/s`);
    }
    if (!options.lifecycle) return { ticks, bare };
    for (const milestone of ['before:P1D', 'due', 'overdue:1', 'overdue:2', 'overdue:3', 'overdue:4']) {
      ticks.push(await tickInChild(database, sink, momentOf(engine, dueAt, milestone), followers, milestone, followers));
    }
    const resolvedAt = new Date(momentOf(engine, dueAt, 'overdue:4').getTime() + dayMs);
    await store.db.deadline.update({ where: { id: deadlineId }, data: { status: 'met', resolutionNote: 'Japan stated its position', plannedAt: null, updatedAt: resolvedAt } });
    await store.db.event.create({ data: { issueId: 1, deadlineId, kind: 'deadline.resolved', actor: 'bench', at: resolvedAt, notify: true, dataJson: '{"status":"met"}' } });
    ticks.push(await tickInChild(database, sink, resolvedAt, followers, 'resolution', followers));
    const rows = await store.db.alert.count();
    const sent = ticks.reduce((sum, tick) => sum + tick.sent, 0);
    return { ticks, bare, rows, sent };
  } finally {
    engine.mailer.close();
    await store.close();
    await database.drop();
    await sink.close();
  }
}

/**
 * `--by-hand`: the notice tick run the way an operator runs it from cron, `node bin/docket.js tick` with no
 * Node flags at all (the built CLI, no tsx), its peak RSS read by /usr/bin/time -f %M.
 */
async function byHand(provider: Provider, followers: number, nodeFlags: string[]): Promise<string> {
  const sink = await startRemoteSink();
  const database = await createTestDatabase(provider);
  const store = await database.open();
  try {
    await seed(store, followers);
    await store.close();
    const { execFile } = await import('node:child_process');
    const started = performance.now();
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile('/usr/bin/time', ['-f', '%M', process.execPath, ...nodeFlags, fileURLToPath(new URL('../../bin/docket.js', import.meta.url)), 'tick', '--now', announced.toISOString(), '--json'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: database.url, SMTP_URL: sink.url, DOCKET_SECRET: 'bench-secret-that-is-long-enough-0123', BASE_URL: 'http://docket.test' },
        maxBuffer: 16 * 1024 * 1024,
      }, (error, out, err) => (error ? reject(new Error(`${error.message}: ${err}`)) : resolve({ stdout: out, stderr: err }))),
    );
    const ms = performance.now() - started;
    const tick = JSON.parse(stdout) as { sent: number };
    const peakMb = Number(stderr.trim().split('\n').at(-1)) / 1024;
    if (tick.sent !== followers) throw new Error(`docket tick sent ${tick.sent} of ${followers}`);
    return `${provider}  docket tick by hand (${nodeFlags.length === 0 ? 'no Node flags' : nodeFlags.join(' ')}), notice × ${followers.toLocaleString('en')}: peak RSS ${fixed(peakMb)} MB (/usr/bin/time), ${fixed(ms / 1000, 1)} s, ${fixed(followers / (ms / 1000))} msg/s`;
  } finally {
    await database.drop();
    await sink.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { provider: { type: 'string', default: 'both' }, followers: { type: 'string', default: '100000' }, small: { type: 'string', default: '10000' }, lifecycle: { type: 'string', default: '10000' }, 'by-hand': { type: 'boolean', default: false }, 'service-flags': { type: 'boolean', default: false } } });
  if (values['by-hand']) {
    for (const provider of (values.provider === 'both' ? ['sqlite', 'postgres'] : [values.provider]) as Provider[]) console.log(await byHand(provider, Number(values.followers), values['service-flags'] ? serviceNodeFlags() : []));
    return;
  }
  const providers = (values.provider === 'both' ? ['sqlite', 'postgres'] : [values.provider]) as Provider[];
  const large = Number(values.followers);
  const small = Number(values.small);
  const lifecycleSize = Number(values.lifecycle);
  const lines: string[] = [];
  const missed: string[] = [];
  const started = Date.now();
  for (const provider of providers) {
    const big = await run(provider, large, { bare: true, lifecycle: lifecycleSize === large });
    const little = await run(provider, small, { bare: false, lifecycle: lifecycleSize === small });
    const bare = big.bare[0]!;
    for (const tick of big.ticks.slice(0, 2)) {
      const twin = little.ticks.find((t) => t.what === tick.what)!;
      const growth = tick.peakRssMb / twin.peakRssMb;
      const firstShare = tick.firstSentMs / tick.ms;
      const ratio = tick.rate / bare;
      lines.push(`${provider}  ${tick.what.padEnd(15)} ${large.toLocaleString('en')}: peak RSS ${fixed(tick.peakRssMb)} MB (${fixed(twin.peakRssMb)} MB at ${small.toLocaleString('en')}: ×${fixed(growth, 2)}), first accepted at ${fixed(firstShare * 100, 2)} % of ${fixed(tick.ms / 1000, 1)} s, ${fixed(tick.rate)} msg/s = ${fixed(ratio, 2)} × bare ${fixed(bare)}`);
      if (tick.peakRssMb > goals.peakRssMb) missed.push(`${provider} ${tick.what}: peak RSS ${fixed(tick.peakRssMb)} MB (goal ≤ ${goals.peakRssMb})`);
      if (growth > goals.rssGrowth) missed.push(`${provider} ${tick.what}: RSS ×${fixed(growth, 2)} from ${small} to ${large} followers (goal ≤ ${goals.rssGrowth})`);
      if (firstShare > goals.firstSentShare) missed.push(`${provider} ${tick.what}: first message at ${fixed(firstShare * 100, 1)} % of the send (goal ≤ ${goals.firstSentShare * 100} %)`);
      if (ratio < goals.throughputRatio) missed.push(`${provider} ${tick.what}: ${fixed(ratio, 2)} × bare nodemailer (goal ≥ ${goals.throughputRatio})`);
    }
    const life = lifecycleSize === large ? big : little;
    if (life.rows !== undefined && life.sent !== undefined) {
      const perSent = life.rows / life.sent;
      lines.push(`${provider}  lifecycle ${lifecycleSize.toLocaleString('en')}: ${life.rows.toLocaleString('en')} Alert rows for ${life.sent.toLocaleString('en')} messages sent (${fixed(perSent, 4)} per message)`);
      if (perSent > goals.rowsPerSent) missed.push(`${provider} lifecycle: ${fixed(perSent, 4)} rows per message sent (goal ≤ ${goals.rowsPerSent})`);
    }
  }
  console.log(['', ...lines, '', ...(missed.length === 0 ? ['every goal met'] : missed.map((line) => `MISSED ${line}`)), `${((Date.now() - started) / 60_000).toFixed(1)} min`].join('\n'));
  if (missed.length > 0) process.exitCode = 1;
}

await main();
