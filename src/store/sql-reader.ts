// Read-only SQL that runs the same through Prisma (the service, which holds a client anyway) and through
// the bare driver (a read-only CLI command, which then never loads Prisma's runtime and query compiler:
// about half of such a command's start-up; see docs/benchmarks.md, CLI). Statements are written with
// sql-template-tag, the library Prisma's own `Prisma.sql` was forked from, so they need neither.
import sql, { type Sql } from 'sql-template-tag';
import { isPostgres, type Provider, type Tx } from './open-store.js';

export interface SqlReader {
  provider: Provider;
  /** Rows with DateTime columns as Date, as Prisma returns them. */
  rows<T>(query: Sql): Promise<T[]>;
}

/** A reader over an open Prisma client or transaction. */
export function readerOver(db: Tx): SqlReader {
  const provider: Provider = isPostgres(db) ? 'postgres' : 'sqlite';
  return {
    provider,
    rows: <T>(query: Sql) => db.$queryRawUnsafe<T[]>(provider === 'postgres' ? query.text : query.sql, ...query.values),
  };
}

/**
 * An instant as a parameter compared with a DateTime column, stored as Prisma stores it: PostgreSQL
 * `timestamp(3)` holding UTC (cast from explicit UTC text, so the server's TimeZone cannot shift it),
 * SQLite text such as "2020-05-31T14:59:59.999+00:00".
 */
export function instantParam(provider: Provider, instant: Date): Sql {
  const iso = instant.toISOString();
  return provider === 'postgres' ? sql`(CAST(${iso} AS timestamptz) AT TIME ZONE 'UTC')` : sql`${iso.replace(/Z$/, '+00:00')}`;
}
