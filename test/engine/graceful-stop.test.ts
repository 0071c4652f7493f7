// What a graceful stop (SIGTERM → the tick's abort signal) does with what its last tick planned: the
// rows stay scheduled, nothing is claimed after the signal, and the next start sends each exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { runTick } from '../../src/engine/run-tick.js';
import { harness, testSecret } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

describeStores('a graceful stop', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('leaves what its last tick planned scheduled, and the next start sends each once', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const followers = 25;
    for (let i = 0; i < followers; i++) await subscribe(db, (await makeSubscriber(db, { email: `stop${i}@example.com`, zone: 'Asia/Seoul' })).id, issue.id);
    await makeDeadline(db, issue.id);
    const h = harness(db, sink);
    const now = new Date('2020-05-12T10:00:00Z');

    // The stop arrives while the tick is planning: the signal is already set when sending would begin.
    const stop = new AbortController();
    stop.abort();
    const stopped = await runTick({ now, clock: fixedClock(now), db, mailer: h.mailer, settings: h.settings, secret: testSecret, signal: stop.signal });
    expect(stopped).toMatchObject({ claimed: 0, sent: 0 });
    expect(await db.alert.count({ where: { status: 'scheduled', kind: 'event' } })).toBe(followers);
    expect(sink.messages).toHaveLength(0);

    // The next start, a minute later.
    const next = await h.tick(new Date(now.getTime() + 60_000));
    expect(next).toMatchObject({ planned: 0, sent: followers });
    const ids = sink.messages.map((message) => message.parsed.messageId);
    expect(new Set(ids).size).toBe(followers);
    expect(await db.alert.count({ where: { status: 'sent', kind: 'event' } })).toBe(followers);
    h.mailer.close();
  });
});
