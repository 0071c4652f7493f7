// Property: whatever text people put in titles and parties (any script, combining marks, emoji sequences,
// bidi controls, quotes, commas, semicolons, line breaks, surrounding spaces) comes back the same through
// export → import into another store, as JSON and as CSV. Only surrounding whitespace is trimmed, once, on
// the way in, as the admin commands do.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/open-store.js';
import { exportCsv, exportDocument } from '../../src/usecases/export-records.js';
import { importRecords, parseImportFile } from '../../src/usecases/import/import-records.js';
import { createTestDatabase, describeStores, type TestDatabase } from '../support/test-stores.js';

const now = new Date('2026-03-01T09:00:00Z');

const awkward = ['\u202Eevil\u202C', 'e\u0301\u0301', '👩🏽‍⚖️', '"quoted", with commas', 'semi;colon', 'line\nbreak\r\n', '\u2028sep', '\uFEFFbom', 'ẞ', '한국', '日本', 'عربى', '\t tab '];
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.constantFrom(...awkward),
);
// NUL is refused on import (PostgreSQL cannot store it): test/usecases/import-records.test.ts.
const oddText = fc
  .array(piece, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''))
  .filter((text) => !text.includes('\u0000') && text.trim() !== '');

describeStores('export → import with odd text', (ctx) => {
  let json: TestDatabase;
  let csv: TestDatabase;
  let jsonStore: Store;
  let csvStore: Store;

  beforeAll(async () => {
    [json, csv] = await Promise.all([createTestDatabase(ctx.provider), createTestDatabase(ctx.provider)]);
    [jsonStore, csvStore] = await Promise.all([json.open(), csv.open()]);
  });

  afterAll(async () => {
    await Promise.all([jsonStore?.close(), csvStore?.close()]);
    await Promise.all([json?.drop(), csv?.drop()]);
  });

  const load = (store: Store, text: string, name: string) =>
    importRecords({ db: store.db, now, actor: 'test' }, parseImportFile(text, name), { source: name, defaultZone: 'UTC' });

  it('titles and parties round-trip exactly (trimmed once), through JSON and CSV', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(oddText, fc.array(oddText, { maxLength: 4 }), oddText, async (issueTitle, parties, deadlineTitle) => {
        const slug = `odd-${++run}`;
        const file = { issues: [{ slug, title: issueTitle, parties, deadlines: [{ title: deadlineTitle, by: parties[0] ?? '', due: '2026-04-01', announced: '2026-02-01', zone: 'Asia/Seoul' }] }] };
        await load(ctx.store, JSON.stringify(file), 'odd.json');

        const original = (await exportDocument(ctx.store.db, { now })).issues.find((issue) => issue.slug === slug)!;
        expect(original.title).toBe(issueTitle.trim());
        expect(original.parties).toEqual([...new Set(parties.map((p) => p.trim()).filter((p) => p !== ''))]);
        expect(original.deadlines[0]!.title).toBe(deadlineTitle.trim());

        await load(jsonStore, JSON.stringify({ issues: [original] }), 'export.json');
        expect((await exportDocument(jsonStore.db, { now })).issues.find((issue) => issue.slug === slug)).toEqual(original);

        // The CSV holds every issue exported so far; those already moved are skipped.
        await load(csvStore, await exportCsv(ctx.store.db), 'export.csv');
        const viaCsv = (await exportDocument(csvStore.db, { now })).issues.find((issue) => issue.slug === slug)!;
        expect(viaCsv.title).toBe(original.title);
        expect(viaCsv.deadlines).toEqual(original.deadlines);
      }),
      { numRuns: 25 },
    );
  });
});
