// Real databases for tests, isolated per test file: a fresh SQLite file and a fresh PostgreSQL database,
// each copied from a template that was migrated once (copying is ~50 ms; migrating is ~1 s).
// Every test that touches the store runs on both: use `describeStores`.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { applyMigrations, knownMigrations, migrationsDir } from '../../src/store/migrations.js';
import { openStore, type Provider, type Store } from '../../src/store/open-store.js';

export const providers: readonly Provider[] = ['sqlite', 'postgres'];

/** Admin connection for creating test databases; override with TEST_POSTGRES_URL. */
export const adminPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  provider: Provider;
  url: string;
  /** Opens a new client on this database (tests may open several, like several processes would). */
  open(): Promise<Store>;
  drop(): Promise<void>;
}

let counter = 0;

function migrationsHash(url: string): string {
  const hash = createHash('sha256');
  for (const name of knownMigrations(url)) hash.update(name).update(readFileSync(path.join(migrationsDir(url), name, 'migration.sql')));
  return hash.digest('hex').slice(0, 12);
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  return provider === 'sqlite' ? createSqlite() : createPostgres();
}

async function createSqlite(): Promise<TestDatabase> {
  const template = path.join(os.tmpdir(), `docket-template-${migrationsHash('file:x')}.db`);
  if (!existsSync(template)) {
    const building = `${template}.${process.pid}.${Date.now()}`;
    await applyMigrations(`file:${building}`);
    renameSync(building, template); // atomic: concurrent runs never see a half-migrated template
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-test-'));
  const file = path.join(dir, 'docket.db');
  copyFileSync(template, file);
  const url = `file:${file}`;
  return { provider: 'sqlite', url, open: () => openStore(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminPostgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPostgres(): Promise<TestDatabase> {
  const template = `docket_template_${migrationsHash('postgresql://x')}`;
  const name = `docket_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await admin(async (client) => {
    // One creator at a time, cluster-wide: CREATE DATABASE … TEMPLATE fails while the template is in use.
    await client.query('SELECT pg_advisory_lock(4242)');
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_build_${process.pid}`;
        await client.query(`DROP DATABASE IF EXISTS "${building}"`);
        await client.query(`CREATE DATABASE "${building}"`);
        await applyMigrations(withDatabase(adminPostgresUrl, building));
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(4242)');
    }
  });
  const url = withDatabase(adminPostgresUrl, name);
  return {
    provider: 'postgres',
    url,
    open: () => openStore(url),
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/**
 * `describeStores('deadlines', (ctx) => { it(…, async () => { ctx.store … }) })` runs the block once on
 * SQLite and once on PostgreSQL, each with its own fresh database for the whole block.
 */
export function describeStores(name: string, body: (ctx: StoreContext) => void): void {
  for (const provider of providers) {
    describe(`${name} [${provider}]`, () => {
      const ctx = new StoreContext(provider);
      beforeAll(() => ctx.setUp());
      afterAll(() => ctx.tearDown());
      body(ctx);
    });
  }
}

export class StoreContext {
  #database: TestDatabase | undefined;
  #store: Store | undefined;
  constructor(readonly provider: Provider) {}

  get store(): Store {
    if (!this.#store) throw new Error('store is only available inside tests');
    return this.#store;
  }

  get database(): TestDatabase {
    if (!this.#database) throw new Error('database is only available inside tests');
    return this.#database;
  }

  get url(): string {
    return this.database.url;
  }

  async setUp(): Promise<void> {
    this.#database = await createTestDatabase(this.provider);
    this.#store = await this.#database.open();
  }

  async tearDown(): Promise<void> {
    await this.#store?.close();
    await this.#database?.drop();
  }
}
