// What every email carries as received by a real SMTP server: a Message-ID derived from the alert (so a
// re-send after a crash is recognisably the same message), RFC 8058 one-click unsubscribe headers with a
// valid signed link, and the deadline as an .ics attachment.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { claimDueAlerts } from '../../src/engine/claim-alerts.js';
import { runTick } from '../../src/engine/run-tick.js';
import { messageIdFor } from '../../src/mail/email-parts.js';
import type { Mailer } from '../../src/mail/transport.js';
import { verifyToken } from '../../src/tokens.js';
import { harness, label, replay, testSecret, type Arrival } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeIssue, makeSubscriber, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';
import { headerBlock } from '../mail/mime.js';

const sevenDaysBefore = new Date('2020-05-24T00:00:00Z'); // 09:00 KST

function header(arrival: Arrival, name: string): string[] {
  return headerBlock(arrival.message.raw)
    .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((line) => line.slice(name.length + 1).trim());
}

describeStores('email identity and headers', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  it('reminders, event notices and digests carry one-click unsubscribe; reminders and notices the .ics', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const single = await makeSubscriber(db, { email: 'single@example.com' });
    const daily = await makeSubscriber(db, { email: 'daily@example.com', delivery: 'daily' });
    await subscribe(db, single.id, issue.id);
    await subscribe(db, daily.id, issue.id);
    const deadline = await makeDeadline(db, issue.id);
    const h = harness(db, sink);
    const arrivals = await replay(h, sink, ['2020-05-12T10:00:00Z', sevenDaysBefore]);
    h.mailer.close();
    expect(arrivals.map((a) => `${a.to} ${label(a.subject)}`).sort()).toEqual([
      'daily@example.com Docket daily digest — 2 updates (Sun 24 May 2020)',
      'single@example.com Due in 7 days',
      'single@example.com New deadline',
    ]);

    for (const arrival of arrivals) {
      const subscriberId = arrival.to === 'daily@example.com' ? daily.id : single.id;
      const [unsubscribe] = header(arrival, 'List-Unsubscribe');
      const token = /^<http:\/\/docket\.test\/unsubscribe\/([^>]+)>$/.exec(unsubscribe ?? '')?.[1];
      expect(token, arrival.subject).toBeDefined();
      expect(verifyToken(testSecret, decodeURIComponent(token!), { purpose: 'unsubscribe', now: sevenDaysBefore })).toMatchObject({ subscriberId });
      expect(header(arrival, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);
      expect(header(arrival, 'Auto-Submitted')).toEqual(['auto-generated']);
    }

    // Message-IDs come from the alert key (or, for a digest, its window), and the row records them.
    const sent = await db.alert.findMany({ where: { status: 'sent' }, select: { key: true, kind: true, subscriberId: true, messageId: true } });
    expect(sent).toHaveLength(3);
    for (const row of sent.filter((row) => row.kind !== 'digest')) {
      expect(row.messageId).toBe(messageIdFor(row.key, 'docket.test'));
      expect(arrivals.filter((a) => a.message.parsed.messageId === row.messageId)).toHaveLength(1);
    }
    expect(new Set(arrivals.map((a) => a.message.parsed.messageId)).size).toBe(3);

    // The reminder's calendar: the deadline as an all-day event on 31 May, UID by deadline, SEQUENCE = revision.
    const reminder = arrivals.find((a) => a.subject.startsWith('Due in 7 days'))!;
    const ics = reminder.message.parsed.attachments.filter((file) => file.contentType === 'text/calendar');
    expect(ics.map((file) => file.filename)).toEqual([`deadline-${deadline.id}.ics`]);
    const calendar = ics[0]!.content.toString('utf8').replace(/\r\n[ \t]/g, '');
    expect(calendar).toContain(`UID:deadline-${deadline.id}@docket.test`);
    expect(calendar).toContain('DTSTART;VALUE=DATE:20200531');
    expect(calendar).toContain('SEQUENCE:0');
    expect(calendar).toContain('METHOD:PUBLISH');
    const notice = arrivals.find((a) => a.subject.startsWith('New deadline'))!;
    expect(notice.message.parsed.attachments.map((file) => file.filename)).toEqual([`deadline-${deadline.id}.ics`]);
  });

  it('the same alert sent again after a crash is the same message: same Message-ID, same headers', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email: 'reader@example.com' });
    await subscribe(db, reader.id, issue.id);
    await makeDeadline(db, issue.id, { notify: false });
    const h = harness(db, sink);
    await h.tick('2020-05-20T00:00:00Z');
    const from = sink.messages.length;

    // The server accepts the message, then the connection (or the process) dies before Docket hears
    // the 250: it must treat the alert as not sent and send it again.
    const lostReply: Mailer = {
      ...h.mailer,
      async send(message) {
        await h.mailer.send(message);
        throw Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' });
      },
    };
    expect(await runTick({ now: sevenDaysBefore, clock: fixedClock(sevenDaysBefore), db, mailer: lostReply, settings: h.settings, secret: testSecret, random: () => 0.5 })).toMatchObject({ retried: 1 });
    // And once more the hard way: claimed by a sender that is then killed; the lease runs out.
    const retryAt = new Date(sevenDaysBefore.getTime() + 22_500);
    expect(await claimDueAlerts(db, retryAt, { batchSize: 10, leaseMs: h.settings.leaseMs })).toHaveLength(1);
    expect(await h.tick(new Date(retryAt.getTime() + h.settings.leaseMs + 1))).toMatchObject({ sent: 1 });
    h.mailer.close();

    const copies = sink.messages.slice(from);
    expect(copies).toHaveLength(2);
    const [first, second] = copies.map((message) => ({ to: message.to, raw: message.raw, parsed: message.parsed }));
    const row = await db.alert.findFirstOrThrow({ where: { subscriberId: reader.id, milestone: 'before:P7D' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    expect(first!.parsed.messageId).toBe(messageIdFor(row.key, 'docket.test'));
    expect(second!.parsed.messageId).toBe(first!.parsed.messageId);
    expect(row.messageId).toBe(first!.parsed.messageId);
    for (const name of ['Subject', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'From', 'To']) {
      const pick = (raw: Buffer) => headerBlock(raw).filter((line) => line.startsWith(`${name}:`));
      expect(pick(second!.raw), name).toEqual(pick(first!.raw));
    }
  });
});
