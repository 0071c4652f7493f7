// What a CLI command that touches the store gets: validated config, the process clock, an open and
// migrated store, and the output. Loaded lazily so `docket --version` never pays for Prisma.
import { clockFromEnv, type Clock } from '../clock.js';
import { loadConfig, type Config } from '../config/load-config.js';
import { openMigratedStore, readMigrationStatus } from '../store/migrations.js';
import { openBareReader } from '../store/bare-reader.js';
import { openStore, type Store } from '../store/open-store.js';
import { readerOver, type SqlReader } from '../store/sql-reader.js';
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

export interface ReadContext {
  config: Config;
  clock: Clock;
  reader: SqlReader;
  out: Output;
}

/**
 * For commands that only read: the bare database driver when the store is there and fully migrated, so
 * the command never loads Prisma. Anything else (a file still to create, migrations to apply, a failed
 * migration, a server that does not answer) takes the usual path, with its migrations and its errors.
 */
export async function withReadContext<T>(fn: (ctx: ReadContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const clock = clockFromEnv();
  const out = createOutput();
  const bare = await openBareReader(config.databaseUrl).catch(() => undefined);
  let close: () => Promise<void>;
  let reader: SqlReader;
  const status = bare && (await readMigrationStatus(bare, config.databaseUrl).catch(() => undefined));
  if (bare && status && status.pending.length === 0 && status.failed.length === 0) {
    reader = bare;
    close = () => bare.close();
  } else {
    await bare?.close();
    const { store } = await openMigratedStore(config.databaseUrl);
    reader = readerOver(store.db);
    close = () => store.close();
  }
  try {
    const result = await fn({ config, clock, reader, out });
    out.flushWarnings();
    return result;
  } finally {
    await close();
  }
}
