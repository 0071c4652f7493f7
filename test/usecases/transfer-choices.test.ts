// Export → import keeps a subscriber's weekday and reminder choices; a bad weekday or reminder name in a
// file is refused with the field named and nothing written.
import { expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { exportDocument } from '../../src/usecases/export-records.js';
import { importRecords, parseImportFile } from '../../src/usecases/import/import-records.js';
import { addSubscriber } from '../../src/usecases/manage-subscribers.js';
import type { SubscriberRecord, TransferDocument } from '../../src/usecases/import/transfer-format.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const now = new Date('2026-03-01T09:00:00Z');

describeStores('export and import of subscriber choices', (ctx) => {
  const write = () => ({ db: ctx.store.db, now, actor: 'test' });
  const run = (doc: TransferDocument) => importRecords(write(), parseImportFile(JSON.stringify(doc), 'choices.json'), { source: 'choices.json', defaultZone: 'UTC' });

  it('writes weekday and reminders only when not the default, and reads them back', async () => {
    await createIssue(write(), { slug: 'choices', title: 'Choices' });
    await addSubscriber(write(), { email: 'weekly@example.org', delivery: 'weekly', weekday: 'fri', reminders: '1d,due' }, { defaultZone: 'UTC' });
    await addSubscriber(write(), { email: 'plain@example.org' }, { defaultZone: 'UTC' });
    const doc = await exportDocument(ctx.store.db, { now });
    const exported = doc.subscribers!.filter((s) => s.email.endsWith('@example.org'));
    expect(exported.find((s) => s.email === 'weekly@example.org')).toMatchObject({ delivery: 'weekly', weekday: 'fri', reminders: ['1d', 'due'] });
    const plain = exported.find((s) => s.email === 'plain@example.org')!;
    expect('weekday' in plain || 'reminders' in plain).toBe(false);

    const moved = { issues: [], subscribers: [{ ...exported.find((s) => s.email === 'weekly@example.org')!, email: 'moved@example.org' }] };
    expect((await run(moved)).created.subscribers).toBe(1);
    expect(await ctx.store.db.subscriber.findUniqueOrThrow({ where: { email: 'moved@example.org' } })).toMatchObject({ delivery: 'weekly', weekday: 'fri', remindersJson: '["1d","due"]' });
  });

  it('refuses a bad weekday or reminder name, naming it, and writes nothing', async () => {
    const cases: Array<[SubscriberRecord, RegExp]> = [
      [{ email: 'a@example.org', delivery: 'weekly', weekday: 'funday' }, /weekday "funday" must be one of mon, tue/],
      [{ email: 'b@example.org', reminders: ['7d', '2d'] }, /reminders "7d,2d" has "2d", which is not a reminder/],
    ];
    for (const [record, message] of cases) {
      const before = await snapshotStore(ctx.store.db);
      const error = await run({ issues: [], subscribers: [record] }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(message);
      expect(await snapshotStore(ctx.store.db)).toBe(before);
    }
  });
});
