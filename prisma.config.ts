// Prisma CLI configuration (migrations only; the running service builds its own client in src/store).
// Rust-free: migrations run through the WASM schema engine with a JS driver adapter, so nothing is
// downloaded at install or run time. The provider follows DATABASE_URL, as it does at run time.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

// The schema's datasource reads DATABASE_URL too, so the default must be in the environment.
const url = (process.env.DATABASE_URL ??= 'file:./data/docket.db');
const postgres = /^postgres(ql)?:\/\//.test(url);
const folder = postgres ? 'postgres' : 'sqlite';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', folder, 'schema.prisma'),
  migrations: { path: path.join('prisma', folder, 'migrations') },
  // The 7.x pg adapter: 6.19's cannot read PostgreSQL's `name` column type during migrate (prisma/orm#27403).
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
