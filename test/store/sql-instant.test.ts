// An instant written by hand-written SQL must be stored exactly as Prisma stores it: on SQLite dates are
// compared as text, so "…Z" beside Prisma's "…+00:00" would sort and match wrongly.
import { beforeEach, expect, it } from 'vitest';
import { sqlInstant } from '../../src/store/sql-instant.js';
import { describeStores } from '../support/test-stores.js';

describeStores('sqlInstant', (ctx) => {
  beforeEach(() => ctx.store.db.meta.deleteMany({ where: { key: { startsWith: 'instant-' } } }));

  it('stores the same value as a typed write (a Seoul month end, a leap day, a US clock change)', async () => {
    const db = ctx.store.db;
    for (const iso of ['2020-05-31T14:59:59.999Z', '2024-02-29T23:59:59.001Z', '2026-03-08T07:00:00.000Z']) {
      const instant = new Date(iso);
      await db.meta.create({ data: { key: 'instant-typed', value: '', updatedAt: instant } });
      await db.meta.create({ data: { key: 'instant-raw', value: '', updatedAt: new Date(0) } });
      await db.$executeRaw`UPDATE "Meta" SET "updatedAt" = ${sqlInstant(db, instant)} WHERE "key" = 'instant-raw'`;
      const rows = await db.meta.findMany({ where: { key: { startsWith: 'instant-' } } });
      expect(rows.map((row) => row.updatedAt.toISOString())).toEqual([iso, iso]);
      // Equal in the database itself, as stored values (text on SQLite), not only after Prisma parses them.
      const same = await db.$queryRaw<Array<{ n: number | bigint }>>`SELECT count(*) AS n FROM "Meta" WHERE "updatedAt" = (SELECT "updatedAt" FROM "Meta" WHERE "key" = 'instant-typed')`;
      expect(Number(same[0]!.n)).toBe(2);
      await db.meta.deleteMany({ where: { key: { startsWith: 'instant-' } } });
    }
  });
});
