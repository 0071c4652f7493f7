// A tick judges what is due at its start, but a batch it claims later must get its lease from that later
// moment. Before the fix, a long tick's later batches were claimed with leases that had already run out,
// and a second instance's tick took them and sent them again (found by the fault suite, scenario 5).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { planDue } from '../../src/engine/plan-due.js';
import { runTick } from '../../src/engine/run-tick.js';
import type { Mailer } from '../../src/mail/transport.js';
import { testMailer, testSecret, testSettings } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeFollowers, makeIssue } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

// Canonical deadline, end of 31 May 2020 in Seoul: its 7-day reminders are due at 00:00Z on 24 May.
const sevenDaysBefore = new Date('2020-05-24T00:00:00Z');
const followers = 600;

/**
 * The tick's own clock, moved on by each send as a slow SMTP server would (150 ms a message, 20 in
 * flight), and a pause at `pauseAt` until `resume` is called: the second instance ticks there, exactly
 * when the first has outlived a lease, with no real waiting.
 */
function slowServerTime(start: Date, pauseAt: number) {
  let elapsed = 0;
  let release!: () => void;
  const resumed = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const paused = new Promise<void>((resolve) => (reached = resolve));
  return {
    clock: { now: () => new Date(start.getTime() + elapsed) },
    elapsed: () => elapsed,
    paused,
    resume: () => release(),
    slowed(mailer: Mailer): Mailer {
      return {
        ...mailer,
        send: async (message) => {
          elapsed += 150 / 20;
          if (elapsed >= pauseAt) {
            reached();
            await resumed;
          }
          return mailer.send(message);
        },
      };
    },
  };
}

describeStores('leases in a long tick', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({ parse: false });
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  it('a second instance ticking midway takes none of the first one\'s claims: every alert is sent once', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    await makeDeadline(db, issue.id, { notify: false });
    await makeFollowers(db, issue.id, followers);
    // Three-second leases. Sends take 150 ms, 20 in flight: a claimed batch of 100 takes about 0.8 s, well
    // inside its lease, but the whole tick takes 4.5 s, longer than one lease (by the tick's clock).
    const settings = testSettings({ SMTP_URL: sink.url, DOCKET_LEASE_SECONDS: '3', DOCKET_LATE_AFTER_MINUTES: '600' });
    await planDue(db, new Date('2020-05-20T00:00:00Z'), settings);
    const time = slowServerTime(sevenDaysBefore, 3500);
    const mailers = [time.slowed(testMailer(sink)), testMailer(sink)];
    const before = sink.messages.length;
    try {
      const first = runTick({ now: sevenDaysBefore, clock: time.clock, db, mailer: mailers[0]!, settings, secret: testSecret, random: () => 0.5 });
      await time.paused;
      // The other instance ticks 3.5 s into the first one's tick, by the same clock.
      const second = await runTick({ now: time.clock.now(), db, mailer: mailers[1]!, settings, secret: testSecret, random: () => 0.5 });
      time.resume();
      const one = await first;
      expect(one.sent + second.sent).toBe(followers);
      expect(time.elapsed()).toBeGreaterThan(3000); // the scenario really outlived a lease
    } finally {
      for (const mailer of mailers) mailer.close();
    }
    const ids = sink.messages.slice(before).map((message) => /^message-id:\s*(\S+)/im.exec(message.raw.toString('latin1'))?.[1]);
    expect(ids).toHaveLength(followers);
    expect(new Set(ids).size).toBe(followers);
    expect(await db.alert.count({ where: { status: 'sent' } })).toBe(followers);
  });
});
