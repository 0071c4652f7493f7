// Runs in a fresh process with the service's Node flags (see fanout.ts): `fanout-tick.ts <database url>
// <smtp url> <now ISO> <expected>`. One tick at `now` — planning the fan-out and sending it — while
// sampling RSS every 50 ms and noting when the first message was accepted.
import { runTick } from '../../src/engine/run-tick.js';
import type { Mailer } from '../../src/mail/transport.js';
import { openStore } from '../../src/store/open-store.js';
import { reportToParent } from '../support/child.js';
import { mb, sampleMemory, timed } from '../support/measure.js';
import { benchEngine } from './engine.js';

export interface FanoutTickResult {
  startRssMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  ms: number;
  /** From the tick's start until the SMTP server accepted the first message. */
  firstSentMs: number;
  planned: number;
  sent: number;
  rate: number;
}

async function main(): Promise<void> {
  const [url, smtpUrl, nowIso, expected] = process.argv.slice(2) as [string, string, string, string];
  const store = await openStore(url);
  const engine = benchEngine(smtpUrl);
  let started = 0;
  let firstSentMs = Number.NaN;
  // The engine's own mailer, noting the first acceptance (the moment "sending started" for a reader).
  const mailer: Mailer = {
    ...engine.mailer,
    send: async (message) => {
      const result = await engine.mailer.send(message);
      if (Number.isNaN(firstSentMs)) firstSentMs = performance.now() - started;
      return result;
    },
    close: () => engine.mailer.close(),
  };
  await store.db.alert.count(); // the first query loads the query compiler; an idle service has done that
  const startRssMb = mb(process.memoryUsage.rss());
  const sampler = sampleMemory(50);
  started = performance.now();
  const { value: result, ms } = await timed(() => runTick({ now: new Date(nowIso), db: store.db, mailer, settings: engine.settings, secret: engine.secret, random: () => 0.5 }));
  const peak = sampler.stop();
  mailer.close();
  await store.close();
  if (result.sent !== Number(expected)) throw new Error(`sent ${result.sent} of ${expected}: ${JSON.stringify(result)}`);
  await reportToParent<FanoutTickResult>({ startRssMb, peakRssMb: mb(peak.peakRssBytes), peakHeapUsedMb: mb(peak.peakHeapUsedBytes), ms, firstSentMs, planned: result.planned, sent: result.sent, rate: result.sent / (ms / 1000) });
}

if (process.send) {
  await main();
  process.exit(0);
}
