// Benchmark 2: the whole pipeline (claim → load → render → send → mark sent) against bare nodemailer.
// Both use the same pooled transport settings and the same loopback sink (in its own process). Bare
// nodemailer sends the very messages the pipeline sends, rendered beforehand, so the ratio is what the
// database work and rendering cost on top of SMTP itself. Bare runs before and after the pipeline; the
// baseline is their mean, so load from elsewhere on the machine weighs on both sides alike.
import { isDeepStrictEqual } from 'node:util';
import nodemailer from 'nodemailer';
import { mailOptions, type OutgoingMessage } from '../../src/mail/transport.js';
import { deadlineView, issueView, loadAlertView } from '../../src/engine/alert-views.js';
import type { AlertView } from '../../src/mail/alert-view.js';
import { renderAlert, type RenderContext } from '../../src/mail/render-alert.js';
import type { Provider, Store } from '../../src/store/open-store.js';
import { createTestDatabase } from '../../test/support/test-stores.js';
import { progress, timed } from '../support/measure.js';
import { startRemoteSink, type RemoteSink } from '../support/remote-sink.js';
import { benchEngine, type BenchEngine } from './engine.js';
import { countSent, seedWorld, type World } from './seed-world.js';
import { benchNow, type Sizes } from './sizes.js';

export interface ThroughputResult {
  provider: Provider;
  alerts: number;
  /** messages/s of bare nodemailer, before and after the pipeline run */
  bareRates: [number, number];
  bareRate: number;
  pipelineRate: number;
  pipelineMs: number;
  ratio: number;
  averageBytes: number;
}

/** Messages handed to the pool at once by the bare sender; the pool queues them for its 5 connections. */
const bareInFlight = 50;

export async function measureThroughput(provider: Provider, sizes: Sizes['throughput']): Promise<ThroughputResult> {
  const sink = await startRemoteSink();
  const engine = benchEngine(sink.url);
  const database = await createTestDatabase(provider);
  const store = await database.open();
  try {
    const hotDeadlines = 10;
    const world = await seedWorld(store, { now: benchNow, followers: Math.ceil(sizes.alerts / hotDeadlines), hotDeadlines, dailySubscribers: 0, coldDeadlines: 0, background: 0 });
    progress(`${provider}: seeded ${world.due.toLocaleString('en')} due alerts in ${(world.seedMs / 1000).toFixed(1)} s; rendering them for bare nodemailer`);
    const messages = await prerender(store, world, engine);

    // Warm-up: a few bare messages, so connection setup and JIT are not in the first measured run.
    await sendBare(messages.slice(0, 50), engine);
    await sink.reset();

    const bareBefore = await bareRun(messages, engine, sink);
    progress(`${provider}: bare nodemailer ${bareBefore.rate.toFixed(0)} messages/s`);
    await sink.reset();

    const { value: result, ms: pipelineMs } = await timed(() => engine.tick(store.db, benchNow));
    if (result.sent !== world.due) throw new Error(`pipeline sent ${result.sent} of ${world.due}: ${JSON.stringify(result)}`);
    const stats = await sink.waitFor(world.due);
    if (stats.messages !== world.due || stats.distinctIds !== world.due) throw new Error(`sink got ${JSON.stringify(stats)} from the pipeline`);
    if ((await countSent(store, world)) !== world.due) throw new Error('not every alert is marked sent');
    const pipelineRate = world.due / (pipelineMs / 1000);
    progress(`${provider}: pipeline ${pipelineRate.toFixed(0)} messages/s (${(pipelineMs / 1000).toFixed(1)} s)`);
    await sink.reset();

    const bareAfter = await bareRun(messages, engine, sink);
    progress(`${provider}: bare nodemailer ${bareAfter.rate.toFixed(0)} messages/s`);
    const bareRate = (bareBefore.rate + bareAfter.rate) / 2;
    return {
      provider,
      alerts: world.due,
      bareRates: [bareBefore.rate, bareAfter.rate],
      bareRate,
      pipelineRate,
      pipelineMs,
      ratio: pipelineRate / bareRate,
      averageBytes: stats.bytes / stats.messages,
    };
  } finally {
    engine.mailer.close();
    await store.close();
    await database.drop();
    await sink.close();
  }
}

async function bareRun(messages: OutgoingMessage[], engine: BenchEngine, sink: RemoteSink): Promise<{ rate: number }> {
  await sink.reset();
  const { ms } = await timed(() => sendBare(messages, engine));
  const stats = await sink.waitFor(messages.length);
  if (stats.messages !== messages.length || stats.distinctIds !== messages.length) throw new Error(`sink got ${JSON.stringify(stats)} from bare nodemailer`);
  return { rate: messages.length / (ms / 1000) };
}

/** nodemailer with the options smtpMailer uses, and the same message fields; nothing else. */
async function sendBare(messages: OutgoingMessage[], engine: BenchEngine): Promise<void> {
  const { mail } = engine;
  const transport = nodemailer.createTransport({
    url: mail.smtpUrl!,
    pool: mail.pool,
    maxConnections: mail.maxConnections,
    connectionTimeout: mail.connectionTimeoutMs,
    greetingTimeout: mail.greetingTimeoutMs,
    socketTimeout: mail.socketTimeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  let next = 0;
  const lane = async () => {
    // The very message options Docket's transports use, so both sides send the same bytes.
    while (next < messages.length) await transport.sendMail(mailOptions(messages[next++]!));
  };
  try {
    await Promise.all(Array.from({ length: bareInFlight }, lane));
  } finally {
    transport.close();
  }
}

/**
 * The emails the pipeline will send, rendered now from the same rows with the same context. A sample is
 * checked against what the engine's own loader produces, so both sides really send the same messages.
 */
async function prerender(store: Store, world: World, engine: BenchEngine): Promise<OutgoingMessage[]> {
  const { db } = store;
  const { settings } = engine;
  const ctx: RenderContext = { links: { baseUrl: settings.baseUrl }, secret: engine.secret, now: benchNow, from: settings.from, templatesDir: settings.templatesDir, host: settings.host };
  const alerts = await db.alert.findMany({
    where: { deadlineId: { in: world.hotDeadlineIds } },
    select: { id: true, key: true, kind: true, milestone: true, subscriberId: true, deadlineId: true, eventId: true, lateSince: true },
    orderBy: { id: 'asc' },
  });
  const subscribers = new Map((await db.subscriber.findMany({ select: { id: true, email: true, zone: true, linkKey: true } })).map((s) => [s.id, s]));
  const deadlines = new Map((await db.deadline.findMany({ where: { id: { in: world.hotDeadlineIds } }, include: { issue: true } })).map((d) => [d.id, d]));
  const messages = alerts.map((alert): OutgoingMessage => {
    const deadline = deadlines.get(alert.deadlineId!)!;
    const subscriber = subscribers.get(alert.subscriberId)!;
    const view: AlertView = {
      alertKey: alert.key,
      issue: issueView(deadline.issue),
      subscriber,
      content: { kind: 'reminder', milestone: alert.milestone, deadline: deadlineView(deadline) },
    };
    return { from: settings.from, to: subscriber.email, email: renderAlert(view, ctx) };
  });
  for (const index of [0, Math.floor(alerts.length / 2), alerts.length - 1]) {
    const loaded = await loadAlertView(db, alerts[index]!, benchNow);
    if (!('view' in loaded) || !isDeepStrictEqual(renderAlert(loaded.view, ctx), messages[index]!.email)) {
      throw new Error(`pre-rendered message ${index} differs from what the engine renders for ${alerts[index]!.key}`);
    }
  }
  return messages;
}
