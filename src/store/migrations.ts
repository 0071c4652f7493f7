// Migrations are Prisma's, one folder per provider, applied by `prisma migrate deploy` through the WASM
// schema engine (no binary download). Status is read straight from _prisma_migrations, which is quick
// enough to check on every start.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../errors.js';
import { packageRoot } from '../config/load-config.js';
import sql from 'sql-template-tag';
import { openStore, providerOf, type Store } from './open-store.js';
import { readerOver, type SqlReader } from './sql-reader.js';

export interface MigrationStatus {
  provider: string;
  applied: string[];
  pending: string[];
  /** Applied in the database but unknown to this version of Docket (a newer version migrated it). */
  unknown: string[];
  failed: string[];
}

export function migrationsDir(url: string): string {
  return path.join(packageRoot, 'prisma', providerOf(url) === 'postgres' ? 'postgres' : 'sqlite', 'migrations');
}

export function knownMigrations(url: string): string[] {
  const dir = migrationsDir(url);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

export async function migrationStatus(store: Store): Promise<MigrationStatus> {
  return readMigrationStatus(readerOver(store.db), store.url);
}

/** The same, through any reader: read-only CLI commands check it without loading Prisma. */
export async function readMigrationStatus(reader: SqlReader, url: string): Promise<MigrationStatus> {
  const known = knownMigrations(url);
  let rows: Array<{ migration_name: string; finished_at: unknown; rolled_back_at: unknown }> = [];
  try {
    rows = await reader.rows(sql`SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`);
  } catch (error) {
    if (!/_prisma_migrations|does not exist|no such table/i.test(String((error as Error).message))) throw error;
  }
  const live = rows.filter((row) => row.rolled_back_at === null);
  const applied = live.filter((row) => row.finished_at !== null).map((row) => row.migration_name).sort();
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name).sort();
  return {
    provider: reader.provider,
    applied,
    pending: known.filter((name) => !applied.includes(name) && !failed.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
    failed,
  };
}

/** Runs `prisma migrate deploy` for this URL; resolves with its output, throws with it on failure. */
export async function applyMigrations(url: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  const args = [cli, 'migrate', 'deploy', '--config', path.join(packageRoot, 'prisma.config.ts')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: packageRoot,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new AppError('unavailable', `migrations failed for ${redactUrl(url)}:\n${output.trim()}`));
    });
  });
}

/**
 * Opens the store and applies pending migrations first if there are any. The migration runs in a child
 * process while this one holds no connection: an open SQLite handle here would make it wait for a lock.
 */
export async function openMigratedStore(url: string): Promise<{ store: Store; applied: string[] }> {
  let store = await openStore(url);
  try {
    const status = await migrationStatus(store);
    if (status.failed.length > 0) {
      throw new AppError('unavailable', `migration ${status.failed[0]} failed earlier; see \`docket db status\` and repair the database before starting`);
    }
    if (status.pending.length === 0) return { store, applied: [] };
    await store.close();
    await applyMigrations(url);
    store = await openStore(url);
    return { store, applied: status.pending };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
