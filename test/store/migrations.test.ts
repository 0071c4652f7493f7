import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownMigrations, migrationStatus } from '../../src/store/migrations.js';
import type { Store } from '../../src/store/open-store.js';
import { createTestDatabase, describeStores } from '../support/test-stores.js';

describeStores('migrations', (ctx) => {
  it('a fresh database has every known migration applied and none pending', async () => {
    const status = await migrationStatus(ctx.store);
    expect(status.applied).toEqual(knownMigrations(ctx.url));
    expect(status.pending).toEqual([]);
    expect(status.failed).toEqual([]);
  });

  it('the migrated database has the same tables, columns, nullability and unique indexes as the model', async () => {
    expect(await describeTables(ctx.store)).toEqual(await modelTables());
  });

  it('writes and reads back a tracked issue with its UTC instants intact', async () => {
    const at = new Date('2020-05-12T09:38:00.000Z');
    const created = await ctx.store.db.trackedIssue.create({
      data: { slug: 'jp-kr', title: 'Japan–South Korea export controls', createdAt: at, updatedAt: at },
    });
    const read = await ctx.store.db.trackedIssue.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.createdAt.toISOString()).toBe('2020-05-12T09:38:00.000Z');
    expect(read.status).toBe('open');
  });
});

describe('schema drift', () => {
  it('the per-provider schemas are exactly what the template renders', () => {
    // Exits non-zero (and the test fails) when prisma/{sqlite,postgres}/schema.prisma differ from the template.
    execFileSync(process.execPath, ['prisma/render-schemas.mjs', '--check'], { stdio: 'pipe' });
  });

  it('both providers have the same migrations, by name', () => {
    expect(knownMigrations('postgresql://x')).toEqual(knownMigrations('file:x'));
  });
});

type TableShape = Record<string, { columns: string[]; unique: string[] }>;

/** What the model says, from a SQLite database migrated only to match the schema: SQLite's schema
 * engine can be checked exactly (introspect, then diff against the model), and PostgreSQL is then
 * compared with it structurally, because the pg adapter cannot introspect (`char` type unsupported). */
let modelShape: Promise<TableShape> | undefined;
function modelTables(): Promise<TableShape> {
  modelShape ??= (async () => {
    const db = await createTestDatabase('sqlite');
    const env = { ...process.env, DATABASE_URL: db.url };
    const prisma = (...args: string[]) =>
      execFileSync(process.execPath, ['node_modules/prisma/build/index.js', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const schema = 'prisma/sqlite/schema.prisma';
    const printed = prisma('db', 'pull', '--print', '--schema', schema);
    const pulled = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-drift-')), 'pulled.prisma');
    writeFileSync(pulled, printed.slice(printed.indexOf('generator ')));
    const diff = prisma('migrate', 'diff', '--from-schema-datamodel', pulled, '--to-schema-datamodel', schema, '--script');
    // An empty migration is the only output when the migrated database and the model agree.
    expect(diff.replace(/^--.*$/gm, '').trim()).toBe('');
    const store = await db.open();
    try {
      return await describeTables(store);
    } finally {
      await store.close();
      await db.drop();
    }
  })();
  return modelShape;
}

async function describeTables(store: Store): Promise<TableShape> {
  const shape: TableShape = {};
  if (store.provider === 'sqlite') {
    const tables = await store.db.$queryRawUnsafe<Array<{ name: string }>>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
    );
    for (const { name } of tables) {
      const columns = await store.db.$queryRawUnsafe<Array<{ name: string; notnull: bigint | number }>>(`PRAGMA table_info("${name}")`);
      const indexes = await store.db.$queryRawUnsafe<Array<{ name: string; unique: bigint | number }>>(`PRAGMA index_list("${name}")`);
      shape[name] = {
        columns: columns.map((c) => `${c.name}${Number(c.notnull) ? '' : '?'}`).sort(),
        unique: indexes.filter((i) => Number(i.unique) && !i.name.startsWith('sqlite_autoindex')).map((i) => i.name).sort(),
      };
    }
  } else {
    const columns = await store.db.$queryRawUnsafe<Array<{ table_name: string; column_name: string; is_nullable: string }>>(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    for (const c of columns) {
      const entry = (shape[c.table_name] ??= { columns: [], unique: [] });
      entry.columns.push(`${c.column_name}${c.is_nullable === 'YES' ? '?' : ''}`);
    }
    const indexes = await store.db.$queryRawUnsafe<Array<{ tablename: string; indexname: string; indexdef: string }>>(
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    for (const i of indexes) if (/UNIQUE/.test(i.indexdef) && !i.indexname.endsWith('_pkey')) shape[i.tablename]!.unique.push(i.indexname);
    for (const entry of Object.values(shape)) {
      entry.columns.sort();
      entry.unique.sort();
    }
  }
  return shape;
}
