// `docket db backup`: SQLite's online backup API (better-sqlite3's db.backup()) while `docket serve`
// and the CLI keep writing. The copy goes to a temporary file beside the target, is opened and checked
// (PRAGMA integrity_check), and only then renamed into place, so a failed or interrupted backup never
// leaves a half-written file under the target's name.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import { createTemporaryBeside } from '../private-files.js';
import { sqliteBusyTimeoutMs } from '../store/open-store.js';

export interface BackupReport {
  source: string;
  file: string;
  bytes: number;
  integrity: 'ok';
  /** Rows per table in the copy. */
  rows: Record<string, number>;
}

export async function backupSqlite(source: string, target: string, options: { force?: boolean } = {}): Promise<BackupReport> {
  const file = path.resolve(target);
  if (!existsSync(source)) throw new AppError('not_found', `no SQLite database at ${source} (check DATABASE_URL)`, { field: 'DATABASE_URL', value: source });
  if (path.resolve(source) === file) throw new AppError('validation', `the backup file ${file} is the database itself`, { field: 'file', value: target });
  if (existsSync(file) && !options.force) {
    throw new AppError('conflict', `${file} already exists; choose another file or pass --force to overwrite it`, { field: 'file', value: target });
  }
  if (!existsSync(path.dirname(file))) throw new AppError('validation', `folder ${path.dirname(file)} does not exist`, { field: 'file', value: target });
  // Random and created with O_EXCL (never a predictable name a planted symlink could redirect), 0600.
  const temporary = createTemporaryBeside(file);
  const db = new Database(source, { fileMustExist: true, timeout: sqliteBusyTimeoutMs });
  try {
    // All pages in one step: one read transaction, so one consistent snapshot, and WAL lets writers go
    // on meanwhile. Copied a few pages at a time, every write by another process between two steps would
    // restart the copy, and a busy service could keep it from ever finishing.
    await db.backup(temporary, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new AppError('unavailable', `backup of ${source} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
  try {
    const rows = verifyCopy(temporary);
    renameSync(temporary, file);
    return { source, file, bytes: statSync(file).size, integrity: 'ok', rows };
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Opens the copy on its own and checks every page; counts the rows of each table for the report. The
 * copy inherits WAL mode; switching it to a rollback journal makes it one self-contained file (Docket
 * turns WAL back on when it opens a restored copy).
 */
function verifyCopy(file: string): Record<string, number> {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new AppError('unavailable', `the backup copy failed PRAGMA integrity_check: ${String(result)}`);
    const tables = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((name) => [name, copy.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number]));
  } finally {
    copy.close();
  }
}
