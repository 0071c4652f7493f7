// A SqlReader straight over the database driver, for read-only CLI commands: no Prisma client, no
// query compiler. Values come back as Prisma's would: DateTime columns as Date, Boolean as boolean.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Sql } from 'sql-template-tag';
import { loadPg } from './load-pg.js';
import { providerOf, sqliteBusyTimeoutMs } from './open-store.js';
import type { SqlReader } from './sql-reader.js';

export interface BareReader extends SqlReader {
  close(): Promise<void>;
}

/** Opens a bare reader, or returns undefined when the store is not there yet (a SQLite file to create). */
export async function openBareReader(url: string): Promise<BareReader | undefined> {
  return providerOf(url) === 'postgres' ? openPostgresReader(url) : openSqliteReader(url);
}

async function openSqliteReader(url: string): Promise<BareReader | undefined> {
  const file = path.resolve(url.replace(/^file:/, ''));
  if (!existsSync(file)) return undefined;
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { fileMustExist: true, timeout: sqliteBusyTimeoutMs });
  return {
    provider: 'sqlite',
    async rows<T>(query: Sql) {
      const statement = db.prepare(query.sql);
      // The declared column types say which text is an instant: Prisma declares DateTime as DATETIME and
      // stores ISO text with an offset; Boolean as BOOLEAN, stored 0/1.
      const decoders = statement.columns().flatMap((column) => {
        const type = column.type?.toUpperCase();
        return type === 'DATETIME' ? [[column.name, toDate] as const] : type === 'BOOLEAN' ? [[column.name, toBoolean] as const] : [];
      });
      const rows = statement.all(...query.values) as Record<string, unknown>[];
      if (decoders.length > 0) {
        for (const row of rows) for (const [name, decode] of decoders) row[name] = decode(row[name]);
      }
      return rows as T[];
    },
    async close() {
      db.close();
    },
  };
}

async function openPostgresReader(url: string): Promise<BareReader> {
  const pg = await loadPg();
  // timestamp(3) without zone holds UTC (see sql-reader.ts); pg would read it in the process's zone.
  const timestampWithoutZone = 1114;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === timestampWithoutZone ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  await client.connect();
  return {
    provider: 'postgres',
    async rows<T>(query: Sql) {
      return (await client.query(query.text, query.values)).rows as T[];
    },
    async close() {
      await client.end();
    },
  };
}

function toDate(value: unknown): unknown {
  if (typeof value === 'string') return new Date(value);
  if (typeof value === 'number') return new Date(value);
  return value;
}

function toBoolean(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) !== 0 : value;
}
