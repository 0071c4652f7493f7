// importRecords on both stores: natural keys, subscriptions, the checks that only an imported file needs
// (exported due moments, text a store cannot hold), and that a refused file writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { exportDocument } from '../../src/usecases/export-records.js';
import { importRecords, parseImportFile, type ImportReport } from '../../src/usecases/import/import-records.js';
import type { TransferDocument } from '../../src/usecases/import/transfer-format.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

const now = new Date('2026-03-01T09:00:00Z');
const none = { issues: 0, deadlines: 0, subscribers: 0, subscriptions: 0 };

describeStores('importRecords', (ctx) => {
  const run = (doc: TransferDocument | string, options: { at?: Date; dryRun?: boolean; name?: string } = {}): Promise<ImportReport> => {
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    const name = options.name ?? 'test.json';
    return importRecords({ db: ctx.store.db, now: options.at ?? now, actor: 'test' }, parseImportFile(text, name), { source: name, defaultZone: 'UTC', dryRun: options.dryRun });
  };
  /** The import's error message, and proof that it changed nothing. */
  const refused = async (doc: TransferDocument | string, name?: string): Promise<string> => {
    const before = await snapshotStore(ctx.store.db);
    const error = await run(doc, { name }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).exitCode).toBe(2);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
    return (error as AppError).message;
  };
  const issue = (slug: string, deadlines: TransferDocument['issues'][number]['deadlines'] = []) => ({ slug, title: `Issue ${slug}`, deadlines });

  describe('deadline keys', () => {
    it('without an announcement the key has no date, so the same file imported on another day matches', async () => {
      const doc = { issues: [issue('undated', [{ title: 'Answer the letter', due: 'within 30 days', zone: 'Asia/Seoul' }])] };
      expect((await run(doc)).created.deadlines).toBe(1);
      const row = await ctx.store.db.deadline.findFirstOrThrow({ where: { title: 'Answer the letter' } });
      expect(row).toMatchObject({ importKey: 'undated/Answer the letter', announcedAt: now });
      expect((await run(doc, { at: new Date('2026-03-05T09:00:00Z') })).created).toEqual(none);
    });

    it('an explicit key is the match, whatever else changed in the file', async () => {
      const doc = { issues: [issue('keyed', [{ key: 'letter-1', title: 'Answer', due: '2026-04-30', announced: '2026-02-01' }])] };
      expect((await run(doc)).created.deadlines).toBe(1);
      doc.issues[0]!.deadlines![0]!.title = 'Answer (retitled)';
      expect((await run(doc)).skipped.deadlines).toBe(1);
    });

    it('refuses a key that belongs to a deadline of another issue', async () => {
      await run({ issues: [issue('key-owner', [{ key: 'owned-1', title: 'Answer', due: '2026-04-30', announced: '2026-02-01' }])] });
      const message = await refused({ issues: [issue('keyed-elsewhere', [{ key: 'owned-1', title: 'Answer', due: '2026-04-30', announced: '2026-02-01' }])] });
      expect(message).toContain('row 2 (issues[0].deadlines[0]): key "owned-1" already belongs to a deadline of issue "key-owner"');
    });

    it('matches a deadline added by hand by the key export gives it', async () => {
      const write = { db: ctx.store.db, now, actor: 'test' };
      await createIssue(write, { slug: 'by-hand', title: 'By hand' });
      await createDeadline(write, { issue: 'by-hand', title: 'Typed in', due: '2026-05-01', announced: '2026-02-10', zone: 'Europe/Paris' }, { defaultZone: 'UTC' });
      const doc = { issues: [issue('by-hand', [{ title: 'Typed in', due: '2026-05-01', announced: '2026-02-10', zone: 'Europe/Paris' }])] };
      expect((await run(doc)).created).toEqual(none);
    });
  });

  describe('due moments as export writes them', () => {
    const exported = (fields: Record<string, string>) => ({ issues: [issue('exported', [{ title: 'Exported', announced: '2020-05-12T18:38:00.000+09:00', zone: 'Asia/Seoul', due: '', ...fields }])] });

    it('takes due, precision and expression as they are, without re-reading the wording', async () => {
      // "within 2 weeks" of an extension, not of the announcement: re-reading it would move the date.
      await run(exported({ due: '2020-06-12T23:59:59.999+09:00', precision: 'day', expression: 'within 2 weeks' }));
      const row = await ctx.store.db.deadline.findFirstOrThrow({ where: { issue: { slug: 'exported' } } });
      expect(row).toMatchObject({ dueAt: new Date('2020-06-12T14:59:59.999Z'), zone: 'Asia/Seoul', precision: 'day', expression: 'within 2 weeks' });
    });

    it('refuses an instant that is not what its precision says, a non-ISO due with an expression, and precision alone', async () => {
      const message = await refused({
        issues: [
          issue('exported-wrong', [
            { title: 'Not end of day', due: '2020-06-12T17:00:00+09:00', precision: 'day', expression: 'June 12', announced: '2020-05-12', zone: 'Asia/Seoul' },
            { title: 'Not end of month', due: '2020-06-12T23:59:59.999+09:00', precision: 'month', expression: 'June', announced: '2020-05-12', zone: 'Asia/Seoul' },
            { title: 'Phrase with expression', due: 'end of June', expression: 'end of June', announced: '2020-05-12' },
            { title: 'Precision alone', due: 'end of June', precision: 'month', announced: '2020-05-12' },
          ]),
        ],
      });
      expect(message).toContain('row 2 (issues[0].deadlines[0]): due "2020-06-12T17:00:00+09:00" is not the end of a day in Asia/Seoul, as precision "day" says (that would be 2020-06-12T23:59:59.999+09:00)');
      expect(message).toContain('row 3 (issues[0].deadlines[1]): due "2020-06-12T23:59:59.999+09:00" is not the end of a month in Asia/Seoul');
      expect(message).toContain('row 4 (issues[0].deadlines[2]): due "end of June" is not an ISO instant with an offset');
      expect(message).toContain('row 5 (issues[0].deadlines[3]): precision "month" is only read together with expression');
    });

    it('refuses an announcement in the future and a due date before the announcement', async () => {
      const message = await refused({
        issues: [issue('times', [
          { title: 'Future', due: '2026-12-31', announced: '2026-06-01' },
          { title: 'Backwards', due: '2026-01-01', announced: '2026-02-01' },
        ])],
      });
      expect(message).toMatch(/row 2 \(issues\[0\]\.deadlines\[0\]\): announced "2026-06-01" is in the future/);
      expect(message).toMatch(/row 3 \(issues\[0\]\.deadlines\[1\]\): due "2026-01-01" is before the announcement/);
    });
  });

  it('refuses text a store cannot keep (NUL, half a surrogate pair) before writing anything', async () => {
    const message = await refused('{ "issues": [ { "slug": "odd-text", "title": "A\\u0000B", "parties": ["\\ud800"], "deadlines": [ { "title": "ok", "due": "2026-04-01", "by": "x\\udc00" } ] } ] }');
    expect(message).toContain('row 1 (issues[0]): title "A\\u0000B" contains a NUL character');
    expect(message).toContain('row 1 (issues[0]): parties "\\ud800" contains half of a UTF-16 surrogate pair');
    expect(message).toContain('row 2 (issues[0].deadlines[0]): by "x\\udc00" contains half of a UTF-16 surrogate pair');
  });

  it('refuses wrongly typed and unknown fields, naming the field', async () => {
    const message = await refused('{ "issues": [ { "slug": "typed", "title": "T", "parties": "Japan", "deadlines": [ { "title": 3, "due": "2026-04-01", "colour": "red" }, "just text" ] } ] }');
    expect(message).toContain('row 1 (issues[0]): parties must be a list of text ([ "…", "…" ]), not "Japan"');
    expect(message).toContain('row 2 (issues[0].deadlines[0]): title must be text, not 3');
    expect(message).toContain('row 2 (issues[0].deadlines[0]): unknown field "colour"; the fields of a deadline are key, title, due,');
    expect(message).toContain('row 3 (issues[0].deadlines[1]): is not a deadline: expected an object with key, title, due,');
    expect(message).not.toContain('is missing');
  });

  describe('subscribers and subscriptions', () => {
    // Each test below adds what else it needs, so any one of them runs alone (`-t`).
    beforeAll(async () => {
      await run({ issues: [issue('followed', [{ key: 'followed-1', title: 'One', due: '2026-06-30', announced: '2026-02-01' }]), issue('other', [])] });
    });

    it('adds subscribers (confirmed unless the file says not) and their subscriptions, to an issue or one deadline by key', async () => {
      const report = await run({
        issues: [],
        subscribers: [
          { email: 'Desk@Example.org', zone: 'Europe/London', delivery: 'daily', subscriptions: ['followed', { issue: 'followed', deadline: 'followed-1' }, 'followed'] },
          { email: 'pending@example.org', confirmed: false },
        ],
      });
      expect(report.created).toEqual({ issues: 0, deadlines: 0, subscribers: 2, subscriptions: 2 });
      const rows = await ctx.store.db.subscriber.findMany({ orderBy: { email: 'asc' }, include: { subscriptions: { orderBy: { id: 'asc' } } } });
      const deadlineId = (await ctx.store.db.deadline.findFirstOrThrow({ where: { importKey: 'followed-1' } })).id;
      expect(rows.map((s) => [s.email, s.zone, s.delivery, s.confirmedAt !== null, s.subscriptions.map((sub) => sub.scope)])).toEqual([
        ['desk@example.org', 'Europe/London', 'daily', true, ['issue', `deadline:${deadlineId}`]],
        ['pending@example.org', 'UTC', 'immediate', false, []],
      ]);
    });

    it('adds a new subscription for a subscriber already there, and re-plans what it covers', async () => {
      await run({ issues: [], subscribers: [{ email: 'again-desk@example.org', subscriptions: ['followed'] }, { email: 'again-pending@example.org' }] });
      await ctx.store.db.deadline.updateMany({ where: { issue: { slug: 'followed' } }, data: { plannedAt: now } });
      const report = await run({ issues: [], subscribers: [{ email: 'again-pending@example.org', subscriptions: ['followed'] }, { email: 'again-desk@example.org', subscriptions: ['followed'] }] });
      expect(report.created).toEqual({ ...none, subscriptions: 1 });
      expect(report.skipped).toEqual({ ...none, subscribers: 2, subscriptions: 1 });
      expect((await ctx.store.db.deadline.findFirstOrThrow({ where: { importKey: 'followed-1' } })).plannedAt).toBeNull();
    });

    it('refuses subscriptions to what is nowhere, and a subscriber listed twice', async () => {
      const message = await refused({
        issues: [],
        subscribers: [
          { email: 'new@example.org', subscriptions: ['no-such-issue', { issue: 'followed', deadline: 'no-such-key' }, { issue: 'other', deadline: 'followed-1' }] },
          { email: 'NEW@example.org' },
        ],
      });
      expect(message).toContain('row 1 (subscribers[0]): subscriptions[0]: no issue "no-such-issue" in this file or in the store');
      expect(message).toContain('row 1 (subscribers[0]): subscriptions[1]: no deadline with key "no-such-key" in this file or in the store');
      expect(message).toContain('row 1 (subscribers[0]): subscriptions[2]: deadline "followed-1" belongs to issue "followed", not "other"');
      expect(message).toContain('row 2 (subscribers[1]): email "new@example.org" is also row 1\'s');
    });
  });

  it('a dry run reports the same counts as the real run, and writes nothing', async () => {
    const doc = { issues: [issue('dry', [{ title: 'A', due: '2026-04-01' }, { title: 'B', due: '2026-04-02' }])], subscribers: [{ email: 'dry@example.org', subscriptions: ['dry'] }] };
    const before = await snapshotStore(ctx.store.db);
    const dry = await run(doc, { dryRun: true });
    expect(await snapshotStore(ctx.store.db)).toBe(before);
    const real = await run(doc);
    expect({ ...dry, dryRun: false }).toEqual(real);
    expect(real.created).toEqual({ issues: 1, deadlines: 2, subscribers: 1, subscriptions: 1 });
  });

  it('exports what it imported in the same shape', async () => {
    await run({
      issues: [issue('round-trip', [{ title: 'A', due: '2026-04-01' }, { key: 'round-trip-b', title: 'B', due: '2026-04-02' }])],
      subscribers: [{ email: 'round-trip@example.org', subscriptions: ['round-trip', { issue: 'round-trip', deadline: 'round-trip-b' }] }],
    });
    const doc = await exportDocument(ctx.store.db, { now });
    const exported = doc.issues.find((i) => i.slug === 'round-trip')!;
    expect(exported.deadlines.map((d) => [d.key, d.due, d.precision, d.expression, d.zone])).toEqual([
      ['round-trip/A', '2026-04-01T23:59:59.999Z', 'day', '2026-04-01', 'UTC'],
      ['round-trip-b', '2026-04-02T23:59:59.999Z', 'day', '2026-04-02', 'UTC'],
    ]);
    expect(doc.subscribers.find((s) => s.email === 'round-trip@example.org')!.subscriptions).toEqual(['round-trip', { issue: 'round-trip', deadline: 'round-trip-b' }]);
  });
});
