// Two processes writing one store at once (the CLI beside `docket serve`; prisma/orm#29933 reports that
// one SQLITE_BUSY at COMMIT can leave the SQLite adapter losing acknowledged writes). A child process
// adds 300 notes in small transactions while this process ticks (fanning the notes out and mailing
// them) and makes its own transactional writes. Every acknowledged write must be there afterwards, no
// write may fail with SQLITE_BUSY / "database is locked", and each note is mailed exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFixture } from '../support/child-process.js';
import { harness } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

const notes = 300;

describeStores('two processes writing at once', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({ parse: false });
  });
  afterAll(() => sink.close());

  it(`${notes} child transactions, this process's ticks and transactions: nothing acknowledged is lost`, async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email: 'reader@example.com' });
    await subscribe(db, reader.id, issue.id);
    await makeDeadline(db, issue.id, { notify: false });
    const h = harness(db, sink);
    await h.tick('2020-05-20T00:00:00Z');

    const child = runFixture<{ acknowledged: number[]; errors: string[] }>(
      'test/engine/fixtures/write-notes.ts',
      { url: ctx.url, issueId: issue.id, count: notes, at: '2020-05-21T00:00:00.000Z' },
      { timeoutMs: 120_000 },
    );
    let childDone = false;
    void child.then(
      () => (childDone = true),
      () => (childDone = true),
    );

    const errors: string[] = [];
    const ours: string[] = [];
    let minute = 1;
    const tick = async () => {
      try {
        await h.tick(new Date(Date.parse('2020-05-21T00:00:00Z') + minute++ * 60_000));
      } catch (error) {
        errors.push(`tick: ${(error as Error).message}`);
      }
    };
    for (let i = 0; !childDone; i++) {
      await tick();
      const key = `parent-${i}`;
      try {
        await db.$transaction(async (tx) => {
          const known = await tx.meta.count();
          await tx.meta.create({ data: { key, value: String(known), updatedAt: new Date() } });
        });
        ours.push(key);
      } catch (error) {
        errors.push(`${key}: ${(error as Error).message}`);
      }
    }
    const { result } = await child;
    await tick(); // whatever the last notes need
    await tick();
    h.mailer.close();

    const stored = await db.event.findMany({ where: { issueId: issue.id, kind: 'issue.note' }, select: { dataJson: true } });
    const storedNotes = new Set(stored.map((row) => (JSON.parse(row.dataJson) as { note: string }).note));
    const storedOurs = new Set((await db.meta.findMany({ where: { key: { startsWith: 'parent-' } } })).map((row) => row.key));
    const mailed = sink.messages.map((message) => /child note (\d+)/.exec(message.raw.toString('utf8'))?.[1]).filter((n) => n !== undefined);
    // One comparison, so a failure shows every facet at once.
    expect({
      childErrors: result.errors,
      ourErrors: errors,
      childAcknowledged: result.acknowledged.length,
      childLost: result.acknowledged.filter((i) => !storedNotes.has(`child note ${i}`)),
      ourLost: ours.filter((key) => !storedOurs.has(key)),
      // Each stored note reached the reader once.
      mailed: mailed.length,
      mailedTwice: mailed.length - new Set(mailed).size,
    }).toEqual({ childErrors: [], ourErrors: [], childAcknowledged: notes, childLost: [], ourLost: [], mailed: storedNotes.size, mailedTwice: 0 });
    expect(ours.length).toBeGreaterThan(0);
  });
});
