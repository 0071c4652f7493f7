// One client shared by the web server and the scheduler (as in `docket serve`): a write made outside an
// open transaction must not be swept into it. On SQLite the driver runs everything on one connection,
// so without src/store/sqlite-shared-file.ts the write below would be rolled back with the transaction.
import { expect, it } from 'vitest';
import { describeStores } from '../support/test-stores.js';

describeStores('transactions on a shared client', (ctx) => {
  it('a write made while another transaction is open survives that transaction rolling back', async () => {
    const db = ctx.store.db;
    const at = new Date('2020-05-12T09:38:00Z');
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.meta.create({ data: { key: 'inside', value: 'rolled back', updatedAt: at } });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error('abandon this transaction');
      })
      .catch((error: Error) => error.message);
    await opened;
    await db.meta.create({ data: { key: 'outside', value: 'kept', updatedAt: at } });
    expect(await failing).toBe('abandon this transaction');
    const keys = (await db.meta.findMany({ where: { key: { in: ['inside', 'outside'] } } })).map((row) => row.key);
    expect(keys).toEqual(['outside']);
  });

  it('transactions from one client run one after another and all commit', async () => {
    const db = ctx.store.db;
    const at = new Date('2020-05-12T09:38:00Z');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction(async (tx) => {
          const count = await tx.meta.count({ where: { key: { startsWith: 'serial-' } } });
          await tx.meta.create({ data: { key: `serial-${i}`, value: String(count), updatedAt: at } });
        }),
      ),
    );
    expect(await db.meta.count({ where: { key: { startsWith: 'serial-' } } })).toBe(20);
  });
});
