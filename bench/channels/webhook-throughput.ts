// Benchmark: webhook deliveries through the engine (claim → load → sign → POST → mark sent) against bare
// node:http POSTs of the very same bodies at the same concurrency, to the same loopback receiver (in
// this process, so both sides share it alike). Bare runs before and after; the baseline is their mean.
// The fan-out runs in a first tick and is timed apart; the measured tick claims, signs, POSTs and marks.
// Run: npx tsx bench/channels/webhook-throughput.ts [deliveries=10000] [sqlite|postgres] [profile.cpuprofile]
// (the optional third argument writes a CPU profile of the measured tick alone).
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { engineSettings } from '../../src/engine/engine-config.js';
import { runTick } from '../../src/engine/run-tick.js';
import { jsonMailer } from '../../src/mail/transport.js';
import { newWebhookSecret } from '../../src/channels/signing.js';
import type { Provider } from '../../src/store/open-store.js';
import { makeDeadline, makeIssue } from '../../test/support/factories.js';
import { createTestDatabase } from '../../test/support/test-stores.js';

const deliveries = Number(process.argv[2] ?? 10_000);
const provider = (process.argv[3] ?? 'sqlite') as Provider;
const profileFile = process.argv[4];
const secret = 'bench-secret-that-is-long-enough-0123456789';

async function main(): Promise<void> {
  const received: Array<{ body: string; id: string }> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), id: String(request.headers['webhook-id'] ?? '') });
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  const database = await createTestDatabase(provider);
  const store = await database.open();
  const db = store.db;
  try {
    const at = new Date('2020-05-01T00:00:00Z');
    const issue = await makeIssue(db);
    const names = Array.from({ length: deliveries }, (_, i) => `bench-${i}`);
    await db.subscriber.createMany({ data: names.map((name) => ({ email: `channel:${name}`, kind: 'channel', zone: 'UTC', confirmedAt: at, createdAt: at, updatedAt: at })) });
    const followers = await db.subscriber.findMany({ where: { kind: 'channel' }, select: { id: true, email: true } });
    for (let i = 0; i < followers.length; i += 1000) {
      const chunk = followers.slice(i, i + 1000);
      await db.channel.createMany({ data: chunk.map((f) => ({ subscriberId: f.id, name: f.email.slice('channel:'.length), kind: 'webhook', url, secret: newWebhookSecret(), createdAt: at, updatedAt: at })) });
      await db.subscription.createMany({ data: chunk.map((f) => ({ subscriberId: f.id, issueId: issue.id, scope: 'issue', createdAt: at })) });
    }
    await makeDeadline(db, issue.id); // one deadline.created event: one delivery per channel

    const settings = { ...engineSettings(loadConfig({ env: { DOCKET_SECRET: secret, BASE_URL: 'http://docket.test', DOCKET_MAIL_TRANSPORT: 'log' } })), concurrency: Number(process.env.BENCH_CONCURRENCY ?? 5) };
    const inFlight = settings.concurrency * 10; // what the engine keeps in flight per batch
    const now = new Date('2020-05-12T12:00:00Z');
    // A first tick only plans (fans the event out into 10,000 rows); the measured one claims and delivers.
    const planning = performance.now();
    await runTick({ now, clock: fixedClock(now), db, mailer: jsonMailer(), settings, secret, maxBatches: 0 });
    const planMs = performance.now() - planning;
    const session = profileFile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const started = performance.now();
    const result = await runTick({ now, clock: fixedClock(now), db, mailer: jsonMailer(), settings, secret });
    const pipelineMs = performance.now() - started;
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(profileFile!, JSON.stringify(profile));
      session.disconnect();
    }
    const bodies = received.map((r) => r.body);
    const distinctIds = new Set(received.map((r) => r.id)).size;

    const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
    const bare = async () => {
      let next = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: inFlight }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          await new Promise<void>((resolve, reject) => {
            const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
              response.resume();
              response.on('end', resolve);
            });
            request.on('error', reject);
            request.end(body);
          });
        }
      }));
      return performance.now() - t0;
    };
    const before = await bare();
    const after = await bare();
    agent.destroy();
    const bareMs = (before + after) / 2;
    const rate = (ms: number) => Math.round((bodies.length / ms) * 1000);
    console.log(JSON.stringify({
      provider,
      deliveries,
      sent: result.sent,
      distinctWebhookIds: distinctIds,
      inFlight,
      planMs: Math.round(planMs),
      pipelineMs: Math.round(pipelineMs),
      pipelineRate: rate(pipelineMs),
      bareRates: [rate(before), rate(after)],
      bareRate: rate(bareMs),
      ratio: Number((bareMs / pipelineMs).toFixed(2)),
      averageBytes: Math.round(bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / Math.max(1, bodies.length)),
    }));
  } finally {
    await store.close();
    await database.drop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

await main();
