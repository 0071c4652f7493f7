// Doctor's store checks: the database answers, its migrations match this version of Docket (read only:
// doctor never applies them), and a scheduler tick was recorded recently (runTick stores `lastTickAt`
// in Meta at the end of every tick, whichever process or instance ran it).
import { existsSync } from 'node:fs';
import type { Config } from '../config/load-config.js';
import { storedLinkSecret } from '../store/link-secret.js';
import { migrationStatus, redactUrl } from '../store/migrations.js';
import { openStore, providerOf, type Store } from '../store/open-store.js';
import { cronIntervalMs } from '../scheduler/scheduler.js';
import { fail, failFrom, ok, warn, type CheckResult } from './doctor-check.js';
import { formatSeconds, withTimeout } from './with-timeout.js';
import { checkChannels } from '../channels/check-channels.js';

export interface StoreCheckOptions {
  now: Date;
  timeoutMs: number;
}

/** `facts.linkSecret` is filled with the store's generated link secret (null: none yet) when it can be read. */
export async function checkStore(config: Config, options: StoreCheckOptions, facts: { linkSecret?: string | null } = {}): Promise<CheckResult[]> {
  const url = config.databaseUrl;
  const where = redactUrl(url);
  if (providerOf(url) === 'sqlite' && !existsSync(url.slice('file:'.length))) {
    facts.linkSecret = null;
    return [warn('store', `no SQLite file at ${url.slice('file:'.length)} yet`, 'start Docket (`docket serve`) or run `docket db migrate` to create it; check DATABASE_URL if the data is elsewhere')];
  }
  let store: Store;
  try {
    store = await withTimeout(openAndPing(url), options.timeoutMs, `the store at ${where}`);
  } catch (error) {
    return [failFrom('store', error, storeFix(url))];
  }
  try {
    const results = [ok('store', `${store.provider} at ${where} answers`)];
    const migrations = await checkMigrations(store, options.timeoutMs);
    results.push(migrations.result);
    if (migrations.hasTables) {
      results.push(await checkLastTick(store, config, options));
      const channels = await withTimeout(checkChannels(store.db), options.timeoutMs, 'the store').catch(() => null);
      if (channels) results.push(channels);
      if (migrations.result.status === 'ok') results.push(await withTimeout((await import('../sources/check-sources.js')).checkSources(store.db, options.now), options.timeoutMs, 'the store').catch((error: unknown) => failFrom('sources', error, 'run `docket source list` for details')));
      facts.linkSecret = await withTimeout(storedLinkSecret(store.db), options.timeoutMs, 'the store').catch(() => undefined);
    }
    return results;
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function openAndPing(url: string): Promise<Store> {
  const store = await openStore(url);
  try {
    await store.db.$queryRawUnsafe('SELECT 1');
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

function storeFix(url: string): string {
  return providerOf(url) === 'postgres'
    ? 'check that PostgreSQL is running and reachable at the host and port in DATABASE_URL, and that its user, password and database exist'
    : 'check that the folder of the SQLite file in DATABASE_URL exists and that the user running Docket can read and write it';
}

async function checkMigrations(store: Store, timeoutMs: number): Promise<{ result: CheckResult; hasTables: boolean }> {
  try {
    const status = await withTimeout(migrationStatus(store), timeoutMs, 'the store');
    const hasTables = status.applied.length > 0;
    if (status.failed.length > 0) {
      return { hasTables, result: fail('migrations', `migration ${status.failed.join(', ')} failed part-way`, 'see `docket db status`; restore the backup taken before the upgrade, or repair the database by hand, then start Docket again') };
    }
    if (status.unknown.length > 0) {
      return { hasTables, result: fail('migrations', `the database has migrations this version does not know: ${status.unknown.join(', ')}`, 'a newer Docket migrated this database: run that version (or newer) here too') };
    }
    if (status.pending.length > 0) {
      return { hasTables, result: warn('migrations', `${status.pending.length} pending: ${status.pending.join(', ')} (${status.applied.length} applied)`, 'take a backup, then run `docket db migrate` or restart `docket serve` (it migrates on start)') };
    }
    return { hasTables, result: ok('migrations', `${status.applied.length} applied, none pending`) };
  } catch (error) {
    return { hasTables: false, result: failFrom('migrations', error, 'run `docket db status` for details') };
  }
}

async function checkLastTick(store: Store, config: Config, options: StoreCheckOptions): Promise<CheckResult> {
  let intervalMs: number;
  try {
    intervalMs = cronIntervalMs(config.scheduler.cron);
  } catch (error) {
    return fail('scheduler', (error as Error).message, 'set DOCKET_CRON to a node-cron expression, e.g. "* * * * *"');
  }
  const every = `DOCKET_CRON "${config.scheduler.cron}" fires every ${formatSeconds(intervalMs)}`;
  const startIt = config.scheduler.enabled
    ? 'start `docket serve` (see docs/production.md for a systemd unit), or run `docket tick` from system cron'
    : 'DOCKET_SCHEDULER is false here: make sure another instance runs the scheduler, or run `docket tick` from system cron';
  try {
    const row = await withTimeout(store.db.meta.findUnique({ where: { key: 'lastTickAt' } }), options.timeoutMs, 'the store');
    if (!row) return warn('scheduler', `no tick has been recorded yet (${every})`, startIt);
    const last = new Date(row.value);
    const age = options.now.getTime() - last.getTime();
    if (age < -intervalMs) {
      return warn('scheduler', `last tick at ${row.value} is ${formatSeconds(-age)} in the future`, 'check the clocks of the machines running Docket (and DOCKET_NOW, which replays a past time)');
    }
    if (age > 2 * intervalMs) {
      return warn('scheduler', `last tick at ${row.value}, ${formatAge(age)} ago; ${every}`, `no scheduler has ticked for over two intervals: ${startIt}; check its log for "tick failed"`);
    }
    return ok('scheduler', `last tick at ${row.value}, ${formatAge(Math.max(0, age))} ago; ${every}`);
  } catch (error) {
    return failFrom('scheduler', error, 'run `docket db status`; the Meta table may be missing');
  }
}

function formatAge(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}
