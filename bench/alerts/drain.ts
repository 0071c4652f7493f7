// Runs in a fresh process (see memory.ts): `drain.ts <database url> <smtp url> <expected>`. Opens the
// store, then drains the backlog with one tick while sampling memory every 50 ms.
import { openStore } from '../../src/store/open-store.js';
import { reportToParent } from '../support/child.js';
import { mb, sampleMemory, timed } from '../support/measure.js';
import { benchEngine } from './engine.js';
import { benchNow } from './sizes.js';

export interface DrainResult {
  /** RSS after opening the store, before the tick: roughly what an idle service holds. */
  startRssMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  samples: number;
  ms: number;
  sent: number;
  rate: number;
}

async function main(): Promise<void> {
  const [url, smtpUrl, expected] = process.argv.slice(2) as [string, string, string];
  const store = await openStore(url);
  const engine = benchEngine(smtpUrl);
  await store.db.alert.count(); // the first query loads the query compiler; an idle service has done that
  const startRssMb = mb(process.memoryUsage.rss());
  const sampler = sampleMemory(50);
  const { value: result, ms } = await timed(() => engine.tick(store.db, benchNow));
  const peak = sampler.stop();
  engine.mailer.close();
  await store.close();
  if (result.sent !== Number(expected)) throw new Error(`drained ${result.sent} of ${expected}: ${JSON.stringify(result)}`);
  await reportToParent<DrainResult>({
    startRssMb,
    peakRssMb: mb(peak.peakRssBytes),
    peakHeapUsedMb: mb(peak.peakHeapUsedBytes),
    samples: peak.samples,
    ms,
    sent: result.sent,
    rate: result.sent / (ms / 1000),
  });
}

if (process.send) {
  await main();
  process.exit(0);
}
