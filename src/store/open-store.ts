// Opens the store named by DATABASE_URL: SQLite (one file, WAL, busy timeout) or PostgreSQL. Both
// generated clients come from one schema template, so the SQLite client's type describes both.
import { ensurePrivateFile, makePrivateDir } from '../private-files.js';
import path from 'node:path';
import { loadPg } from './load-pg.js';
import type { PrismaClient } from '../generated/sqlite/client.js';
import type { Prisma } from '../generated/sqlite/client.js';

export type Db = PrismaClient;
/** A client or an interactive transaction: store functions take either, so the caller owns the transaction. */
export type Tx = Prisma.TransactionClient | PrismaClient;
export type Provider = 'sqlite' | 'postgres';

export interface Store {
  db: Db;
  provider: Provider;
  url: string;
  close(): Promise<void>;
}

/** Both generated clients share one type; the provider is only known at run time. */
export function isPostgres(db: Tx): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'postgresql';
}

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** How long a SQLite writer waits for another process's write lock before giving up. */
export const sqliteBusyTimeoutMs = 15_000;

export async function openStore(url: string): Promise<Store> {
  const provider = providerOf(url);
  const db = provider === 'postgres' ? await openPostgres(url) : await openSqlite(url);
  await db.$connect();
  if (provider === 'sqlite') {
    // WAL lets the CLI write while the service reads; it is a property of the file, set once and kept.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
  return { db, provider, url, close: () => db.$disconnect() };
}

async function openSqlite(url: string): Promise<Db> {
  const file = url.replace(/^file:/, '');
  makePrivateDir(path.dirname(path.resolve(file)));
  // Created here, private, before SQLite creates it under the umask (its -wal and -shm files take its mode).
  ensurePrivateFile(path.resolve(file));
  const [{ PrismaBetterSQLite3 }, { PrismaClient }, { sharedFileAdapter }] = await Promise.all([
    import('@prisma/adapter-better-sqlite3'),
    import('../generated/sqlite/client.js'),
    import('./sqlite-shared-file.js'),
  ]);
  // `timeout` is better-sqlite3's busy timeout: a writer waits this long for the lock instead of failing.
  const adapter = sharedFileAdapter(new PrismaBetterSQLite3({ url: `file:${file}`, timeout: sqliteBusyTimeoutMs }));
  return new PrismaClient({ adapter });
}

async function openPostgres(url: string): Promise<Db> {
  await loadPg(); // first, so the adapter finds it loaded (see load-pg.ts)
  const [{ PrismaPg }, { PrismaClient }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('../generated/postgres/client.js'),
  ]);
  const adapter = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // Same schema, same shape: the postgres client is typed through the sqlite one.
  return new PrismaClient({ adapter }) as unknown as Db;
}
