// Instants in hand-written SQL, stored exactly as Prisma stores them. Raw statements skip Prisma's query
// compiler, which in 6.19 compiles every typed query anew on the main thread (~1 ms each): the hot paths
// of sending use them. Columns are DateTime(3) holding UTC in both stores: PostgreSQL `timestamp(3)`
// without zone, SQLite text such as "2020-05-31T14:59:59.999+00:00".
import { sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { isPostgres, type Tx } from './open-store.js';

export function sqlInstant(db: Tx, instant: Date): Sql {
  // PostgreSQL: cast from an explicit UTC text so the server's TimeZone setting cannot shift it.
  // SQLite: a Date parameter, which the driver adapter writes in the same text form as typed queries.
  return isPostgres(db) ? sql`(CAST(${instant.toISOString()} AS timestamptz) AT TIME ZONE 'UTC')` : sql`${instant}`;
}
