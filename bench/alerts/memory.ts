// Benchmark 3: peak memory while one tick drains a large backlog. This process seeds the database; a
// fresh process (drain.ts) then opens it and runs the tick while sampling its own RSS every 50 ms, so
// seeding garbage is never counted; it runs with the Node flags the service is started with (npm start).
// The sink runs in a third process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Provider } from '../../src/store/open-store.js';
import { createTestDatabase } from '../../test/support/test-stores.js';
import { runInChild } from '../support/child.js';
import { serviceNodeFlags } from '../support/service-flags.js';
import { mb, progress } from '../support/measure.js';
import { startRemoteSink } from '../support/remote-sink.js';
import type { DrainResult } from './drain.js';
import { seedWorld } from './seed-world.js';
import { benchNow, type Sizes } from './sizes.js';

export interface MemoryResult extends DrainResult {
  provider: Provider;
  alerts: number;
  /** RSS of an empty process under tsx minus that of plain node: included in the peak, absent in production. */
  tsxOverheadMb: number;
}

export async function measureMemory(provider: Provider, sizes: Sizes['memory']): Promise<MemoryResult> {
  const sink = await startRemoteSink();
  const database = await createTestDatabase(provider);
  try {
    const store = await database.open();
    const hotDeadlines = 10;
    const world = await seedWorld(store, { now: benchNow, followers: Math.ceil(sizes.alerts / hotDeadlines), hotDeadlines, dailySubscribers: 0, coldDeadlines: 0, background: 0 });
    await store.close();
    progress(`${provider}: seeded a backlog of ${world.due.toLocaleString('en')} due alerts in ${(world.seedMs / 1000).toFixed(1)} s; draining it`);
    const drained = await runInChild<DrainResult>(fileURLToPath(new URL('./drain.ts', import.meta.url)), [database.url, sink.url, String(world.due)], serviceNodeFlags());
    const stats = await sink.waitFor(world.due);
    if (stats.messages !== world.due || stats.distinctIds !== world.due) throw new Error(`sink got ${JSON.stringify(stats)}, expected ${world.due} distinct messages`);
    progress(`${provider}: drained in ${(drained.ms / 1000).toFixed(1)} s, peak RSS ${drained.peakRssMb.toFixed(0)} MB`);
    return { provider, alerts: world.due, ...drained, tsxOverheadMb: await tsxOverheadMb() };
  } finally {
    await database.drop();
    await sink.close();
  }
}

async function tsxOverheadMb(): Promise<number> {
  const plain = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.memoryUsage.rss()))'], { encoding: 'utf8' }));
  const underTsx = await runInChild<number>(fileURLToPath(new URL('../support/idle-rss.ts', import.meta.url)), []);
  return mb(underTsx - plain);
}
