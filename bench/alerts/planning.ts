// Benchmark 1: a tick's cost must follow the work that is due, not the work that is stored. Two
// databases with the same subscribers, issues and deadlines and the same 1,000 due reminders differ only
// in how many future reminders they hold (10,000 vs 1,000,000 rows in all). Ticks alternate between the
// two, each sending its due reminders to the sink for real; the median tick of each is compared.
// An idle tick (nothing due) follows each measured one: it is the tick's fixed cost, without the sending.
import type { Provider, Store } from '../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-stores.js';
import { startRemoteSink, type RemoteSink } from '../support/remote-sink.js';
import { median, progress, timed } from '../support/measure.js';
import { benchEngine, type BenchEngine } from './engine.js';
import { coldDeadlinesFor, countSent, resetDue, seedWorld, type World } from './seed-world.js';
import { benchNow, type Sizes } from './sizes.js';

export interface PlanningResult {
  provider: Provider;
  due: number;
  small: Side;
  large: Side;
  /** median large tick / median small tick */
  ratio: number;
  idleRatio: number;
}

interface Side {
  rows: number;
  seedMs: number;
  tickMs: number[];
  idleMs: number[];
  medianTickMs: number;
  medianIdleMs: number;
}

const followers = (due: number) => Math.min(due, 1_000);

export async function measurePlanning(provider: Provider, sizes: Sizes['planning']): Promise<PlanningResult> {
  const sink = await startRemoteSink();
  const engine = benchEngine(sink.url);
  const base = { now: benchNow, followers: followers(sizes.due), hotDeadlines: Math.ceil(sizes.due / followers(sizes.due)), dailySubscribers: 100 };
  const coldDeadlines = coldDeadlinesFor(base, sizes.large - sizes.due);
  const sides: Array<{ name: 'small' | 'large'; database: TestDatabase; store: Store; world: World; tickMs: number[]; idleMs: number[] }> = [];
  try {
    for (const [name, rows] of [['small', sizes.small], ['large', sizes.large]] as const) {
      const database = await createTestDatabase(provider);
      const store = await database.open();
      progress(`${provider}: seeding ${rows.toLocaleString('en')} alert rows (${sizes.due} due)`);
      const world = await seedWorld(store, { ...base, coldDeadlines, background: rows - sizes.due });
      progress(`${provider}: seeded in ${(world.seedMs / 1000).toFixed(1)} s`);
      sides.push({ name, database, store, world, tickMs: [], idleMs: [] });
    }
    // One unmeasured round first: templates compile, connections open, the JIT warms up.
    for (let round = 0; round <= sizes.ticks; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const { tick, idle } = await measureTick(side.store, side.world, engine, sink);
        if (round === 0) continue;
        side.tickMs.push(tick);
        side.idleMs.push(idle);
      }
      if (round > 0) progress(`${provider}: round ${round}/${sizes.ticks}: ${sides.map((s) => `${s.name} ${s.tickMs.at(-1)!.toFixed(0)} ms (idle ${s.idleMs.at(-1)!.toFixed(0)} ms)`).join(', ')}`);
    }
    const [small, large] = sides.map((side): Side => ({
      rows: side.world.due + side.world.background,
      seedMs: side.world.seedMs,
      tickMs: side.tickMs,
      idleMs: side.idleMs,
      medianTickMs: median(side.tickMs),
      medianIdleMs: median(side.idleMs),
    })) as [Side, Side];
    return { provider, due: sizes.due, small, large, ratio: large.medianTickMs / small.medianTickMs, idleRatio: large.medianIdleMs / small.medianIdleMs };
  } finally {
    engine.mailer.close();
    for (const side of sides) {
      await side.store.close();
      await side.database.drop();
    }
    await sink.close();
  }
}

/** One tick that sends every due reminder (checked at the sink and in the table), then an idle tick. */
async function measureTick(store: Store, world: World, engine: BenchEngine, sink: RemoteSink): Promise<{ tick: number; idle: number }> {
  await resetDue(store, world);
  await sink.reset();
  const { value: result, ms: tick } = await timed(() => engine.tick(store.db, benchNow));
  if (result.sent !== world.due || result.skipped + result.failed + result.retried !== 0) {
    throw new Error(`tick sent ${result.sent} of ${world.due} due reminders: ${JSON.stringify(result)}`);
  }
  const stats = await sink.waitFor(world.due);
  if (stats.messages !== world.due || stats.distinctIds !== world.due) throw new Error(`sink got ${JSON.stringify(stats)}, expected ${world.due} distinct messages`);
  const sent = await countSent(store, world);
  if (sent !== world.due) throw new Error(`${sent} due reminders marked sent, expected ${world.due}`);
  const { value: idleResult, ms: idle } = await timed(() => engine.tick(store.db, benchNow));
  if (idleResult.claimed !== 0) throw new Error(`idle tick claimed ${idleResult.claimed}`);
  return { tick, idle };
}
