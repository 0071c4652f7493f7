// What a CLI command that touches the store gets: validated config, the process clock, an open and
// migrated store, and the output. Loaded lazily so `docket --version` never pays for Prisma.
import { clockFromEnv, type Clock } from '../clock.js';
import { loadConfig, type Config } from '../config/load-config.js';
import { openMigratedStore } from '../store/migrations.js';
import { openStore, type Store } from '../store/open-store.js';
import { createOutput, type Output } from './output.js';

export interface CliContext {
  config: Config;
  clock: Clock;
  store: Store;
  out: Output;
  /** Who is acting, recorded in event history. */
  actor: string;
}

export async function openCliContext(options: { migrate?: boolean } = {}): Promise<CliContext> {
  const config = loadConfig();
  const clock = clockFromEnv();
  const store = options.migrate === false ? await openStore(config.databaseUrl) : (await openMigratedStore(config.databaseUrl)).store;
  const actor = `cli:${process.env.DOCKET_ACTOR ?? process.env.USER ?? 'admin'}`;
  return { config, clock, store, out: createOutput(), actor };
}

/** Runs `fn` with a context and always closes the store. */
export async function withCliContext<T>(fn: (ctx: CliContext) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const ctx = await openCliContext(options);
  try {
    const result = await fn(ctx);
    ctx.out.flushWarnings();
    return result;
  } finally {
    await ctx.store.close();
  }
}
