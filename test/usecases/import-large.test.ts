// 10,000 deadlines import in seconds on both stores, and importing them again creates none. The bound is
// loose (a shared 2-core CI machine); it is here to catch a slow path that grows with the square of the
// file, which would take minutes. Typical figures are in docs/benchmarks.md.
import { expect, it } from 'vitest';
import { importRecords, parseImportFile } from '../../src/usecases/import/import-records.js';
import { makeImportDocument } from '../../bench/cli/import-file.js';
import { describeStores } from '../support/test-stores.js';

const now = new Date('2026-03-01T09:00:00Z');
const text = JSON.stringify(makeImportDocument(10_000));

describeStores('importing 10,000 deadlines', (ctx) => {
  const load = () => importRecords({ db: ctx.store.db, now, actor: 'test' }, parseImportFile(text, 'big.json'), { source: 'big.json', defaultZone: 'UTC' });

  it('takes seconds, and a second import creates nothing', async () => {
    let started = performance.now();
    const first = await load();
    const firstMs = performance.now() - started;
    expect(first.created).toEqual({ issues: 100, deadlines: 10_000, subscribers: 0, subscriptions: 0 });
    expect(await ctx.store.db.deadline.count()).toBe(10_000);
    expect(await ctx.store.db.event.count()).toBe(10_100);

    started = performance.now();
    const second = await load();
    const secondMs = performance.now() - started;
    expect(second.created).toEqual({ issues: 0, deadlines: 0, subscribers: 0, subscriptions: 0 });
    expect(second.skipped.deadlines).toBe(10_000);
    console.log(`[${ctx.provider}] 10,000 deadlines: import ${(firstMs / 1000).toFixed(1)} s, re-import ${(secondMs / 1000).toFixed(1)} s`);
    expect(firstMs).toBeLessThan(60_000);
    expect(secondMs).toBeLessThan(60_000);
  }, 180_000);
});
