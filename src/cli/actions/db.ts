import { loadConfig } from '../../config/load-config.js';
import { AppError } from '../../errors.js';
import { backupSqlite } from '../../ops/sqlite-backup.js';
import { migrationStatus, openMigratedStore, redactUrl } from '../../store/migrations.js';
import { providerOf } from '../../store/open-store.js';
import { withCliContext } from '../context.js';
import { createOutput } from '../output.js';

export async function migrate(options: { json?: boolean }): Promise<void> {
  const out = createOutput();
  const { store, applied } = await openMigratedStore(loadConfig().databaseUrl);
  try {
    const status = await migrationStatus(store);
    if (options.json) out.json({ database: redactUrl(store.url), applied, status });
    else if (applied.length === 0) out.line(`Database is up to date (${status.applied.length} migration(s), ${store.provider}).`);
    else out.line(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
  } finally {
    await store.close();
  }
}

export async function status(options: { json?: boolean }): Promise<void> {
  await withCliContext(async ({ store, out }) => {
    const status = await migrationStatus(store);
    if (options.json) {
      out.json({ database: redactUrl(store.url), ...status });
    } else {
      out.line(`Database: ${redactUrl(store.url)} (${store.provider})`);
      out.table(['migration', 'state'], [
        ...status.applied.map((name) => [name, 'applied']),
        ...status.pending.map((name) => [name, 'pending']),
        ...status.failed.map((name) => [name, 'FAILED']),
        ...status.unknown.map((name) => [name, 'applied, unknown to this version']),
      ]);
      if (status.pending.length > 0) out.note('Run `docket db migrate` (or start Docket) to apply pending migrations.');
    }
    // Scripts can gate on it: non-zero while anything is pending or failed.
    if (status.pending.length > 0 || status.failed.length > 0) process.exitCode = 1;
  }, { migrate: false });
}

export async function backup(file: string, options: { force?: boolean; json?: boolean }): Promise<void> {
  const { databaseUrl } = loadConfig();
  if (providerOf(databaseUrl) === 'postgres') {
    throw new AppError('usage', 'docket db backup copies a SQLite file; for PostgreSQL use pg_dump: pg_dump --format=custom --file=docket.dump "$DATABASE_URL" (restore: see "Backups" in docs/production.md)', { field: 'DATABASE_URL' });
  }
  const report = await backupSqlite(databaseUrl.slice('file:'.length), file, options);
  const out = createOutput();
  if (options.json) out.json(report);
  else {
    out.line(`Backed up ${report.source} to ${report.file}: ${formatBytes(report.bytes)}, integrity ok.`);
    out.table(['table', 'rows'], Object.entries(report.rows).map(([table, rows]) => [table, rows]));
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
