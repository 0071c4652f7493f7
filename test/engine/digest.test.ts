// A daily-digest reader beside an "immediate" twin with the same zone and subscriptions: the digest
// reader gets at most one email per local day, at 09:00, and the digests together hold exactly what the
// twin got one by one, each item in the first digest after it came due, grouped by issue.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { every, harness, replay, type Arrival } from '../support/engine-harness.js';
import { makeDeadline, makeIssue, makeSubscriber, resolveDeadline, subscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

/** "== Issue ==" headings and "* item" lines of a digest's text part, in order. */
function outline(arrival: Arrival): Array<[string, string[]]> {
  const groups: Array<[string, string[]]> = [];
  for (const line of (arrival.message.parsed.text ?? '').split('\n')) {
    const heading = /^== (.*) ==$/.exec(line);
    if (heading) groups.push([heading[1]!, []]);
    else if (line.startsWith('* ')) groups.at(-1)![1].push(line.slice(2));
  }
  return groups;
}

describeStores('daily digest', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it('one digest per local morning, holding everything due since the last, grouped by issue, nothing lost', async () => {
    const db = ctx.store.db;
    const exports = await makeIssue(db, { title: 'Export controls' });
    const fisheries = await makeIssue(db, { title: 'Fisheries' });
    const digest = await makeSubscriber(db, { email: 'digest@example.com', zone: 'Asia/Seoul', delivery: 'daily' });
    const twin = await makeSubscriber(db, { email: 'twin@example.com', zone: 'Asia/Seoul' });
    for (const reader of [digest, twin]) {
      await subscribe(db, reader.id, exports.id);
      await subscribe(db, reader.id, fisheries.id);
    }
    // Export controls: announced 12 May 09:38Z, due end of 31 May (Seoul); met on 2 June at 14:00 KST.
    const may = await makeDeadline(db, exports.id, { title: 'Position on export controls' });
    // Fisheries: announced 20 May 05:00Z (14:00 KST), due end of 2 June (Seoul).
    await makeDeadline(db, fisheries.id, {
      title: 'Reply on fishing quotas',
      announcedAt: new Date('2020-05-20T05:00:00Z'),
      dueAt: new Date('2020-06-02T14:59:59.999Z'),
      expression: 'by 2 June',
    });
    const h = harness(db, sink);
    // Every 6 hours: 00:00Z is 09:00 in Seoul; the other three ticks a day must bring no digest.
    const arrivals = [
      ...(await replay(h, sink, every('2020-05-12T12:00:00Z', '2020-06-02T00:00:00Z', 6))),
      ...(await (async () => {
        await resolveDeadline(db, may.id, { status: 'met', at: new Date('2020-06-02T05:00:00Z') });
        return replay(h, sink, every('2020-06-02T06:00:00Z', '2020-06-04T00:00:00Z', 6));
      })()),
    ];
    h.mailer.close();

    const digests = arrivals.filter((a) => a.to === 'digest@example.com');
    const single = arrivals.filter((a) => a.to === 'twin@example.com');
    // By reasoning from the dates above: the mornings on which something had come due since the last.
    const mornings = ['05-13', '05-21', '05-24', '05-26', '05-30', '05-31', '06-01', '06-02', '06-03'].map((day) => `2020-${day}T00:00:00.000Z`);
    expect(digests.map((a) => a.tickAt)).toEqual(mornings);
    expect(digests.map((a) => a.subject.replace(/ \(.*\)$/, ''))).toEqual(
      [1, 1, 1, 1, 1, 1, 2, 1, 2].map((n) => `Docket daily digest — ${n} ${n === 1 ? 'update' : 'updates'}`),
    );
    expect(digests[6]!.subject).toBe('Docket daily digest — 2 updates (Mon 1 Jun 2020)');

    // Each digest holds exactly the twin's emails that arrived after the previous digest morning and
    // up to its own, as one line per item under its issue.
    let previous = '';
    for (const [index, morning] of mornings.entries()) {
      const window = single.filter((a) => a.tickAt > previous && a.tickAt <= morning);
      const items = outline(digests[index]!);
      expect(items.flatMap(([, lines]) => lines).sort(), morning).toEqual(window.map((a) => a.subject).sort());
      expect(items.map(([issue]) => issue), morning).toEqual([...new Set(items.map(([issue]) => issue))]); // each issue once
      previous = morning;
    }
    expect(single.length).toBe(11);
    expect(single.filter((a) => a.tickAt > mornings.at(-1)!)).toEqual([]);
    // The two-issue mornings, grouped: export controls first (its item was planned first).
    expect(outline(digests[6]!).map(([issue, lines]) => [issue, lines.map((line) => line.split(':')[0])])).toEqual([
      ['Export controls', ['Overdue, no answer recorded']],
      ['Fisheries', ['Due in 1 day']],
    ]);
    expect(outline(digests[8]!).map(([issue, lines]) => [issue, lines.map((line) => line.split(':')[0])])).toEqual([
      ['Export controls', ['Met']],
      ['Fisheries', ['Overdue, no answer recorded']],
    ]);

    // In the store: every item the digest reader was owed up to the last morning rode in exactly one sent digest.
    const owed = await db.alert.findMany({ where: { subscriberId: digest.id, kind: { not: 'digest' }, sendAt: { lte: new Date(mornings.at(-1)!) } } });
    const sentDigests = new Set((await db.alert.findMany({ where: { subscriberId: digest.id, kind: 'digest', status: 'sent' } })).map((row) => row.key));
    expect(owed.map((row) => row.status)).toEqual(Array(11).fill('digested'));
    for (const row of owed) expect(sentDigests.has(row.digestKey!)).toBe(true);
    expect(sentDigests.size).toBe(mornings.length);
  });

  it('every digest reader gets this morning\'s digest, however many there are per batch', async () => {
    const db = ctx.store.db;
    const news = await makeIssue(db, { title: 'News for all' });
    const vote = await makeIssue(db, { title: 'Vote for two', offsets: ['PT2H'] });
    const readers = [];
    for (let i = 0; i < 5; i++) {
      const reader = await makeSubscriber(db, { email: `batch${i}@example.com`, zone: 'Asia/Seoul', delivery: 'daily' });
      await subscribe(db, reader.id, news.id);
      if (i < 2) await subscribe(db, reader.id, vote.id);
      readers.push(reader);
    }
    // The first two readers also follow a vote at 11:30 KST on 2 July with a reminder 2 hours before:
    // planned weeks ahead, so its rows are older than anything else they or the others have.
    await makeDeadline(db, vote.id, { notify: false, precision: 'instant', announcedAt: new Date('2020-06-20T00:00:00Z'), dueAt: new Date('2020-07-02T02:30:00Z'), expression: 'at 11:30 on 2 July' });
    const h = harness(db, sink, { DOCKET_BATCH_SIZE: '2' });
    await h.tick('2020-06-20T00:00:00Z');
    // News for everyone on 1 July; two readers per batch at the 09:00 KST tick on the 2nd.
    await makeDeadline(db, news.id, { at: new Date('2020-07-01T05:00:00Z'), announcedAt: new Date('2020-07-01T05:00:00Z'), dueAt: new Date('2020-07-31T14:59:59.999Z') });
    const from = sink.messages.length;
    // From 00:30Z the first two readers also hold the vote reminder, due after this morning's digest
    // (so it waits for tomorrow's): they must not keep the three others from today's.
    await replay(h, sink, every('2020-07-02T00:00:00Z', '2020-07-02T02:00:00Z', 0.25));
    h.mailer.close();
    const got = sink.messages.slice(from).filter((message) => message.to[0]!.startsWith('batch'));
    expect(got.map((message) => message.to[0]).sort()).toEqual(readers.map((reader) => reader.email));
    expect(new Set(got.map((message) => message.parsed.subject))).toEqual(new Set(['Docket daily digest — 1 update (Thu 2 Jul 2020)']));
  });
  it('a digest item waiting for its morning is never "late"; the digest is, when Docket missed its own slot', async () => {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    const reader = await makeSubscriber(db, { email: 'late-digest@example.com', zone: 'Asia/Seoul', delivery: 'daily' });
    await subscribe(db, reader.id, issue.id);
    // Announced at 17:00 KST on Thu 14 May: the notice waits for Friday's 09:00 digest while Docket runs.
    await makeDeadline(db, issue.id, { at: new Date('2020-05-14T08:00:00Z'), announcedAt: new Date('2020-05-14T08:00:00Z'), dueAt: new Date('2020-06-30T14:59:59.999Z'), expression: 'by the end of next month' });
    const h = harness(db, sink);
    const mine = (arrivals: Arrival[]) => arrivals.filter((a) => a.to === 'late-digest@example.com');
    const onTime = mine(await replay(h, sink, every('2020-05-14T08:00:00Z', '2020-05-15T01:00:00Z', 1)));
    expect(onTime.map((a) => a.to)).toEqual(['late-digest@example.com']);
    expect(onTime[0]!.tickAt).toBe('2020-05-15T00:00:00.000Z');
    expect(onTime[0]!.message.parsed.text).not.toContain('Sent late');
    // A note on Friday afternoon; Docket is down from then until Saturday 11:00 KST: Saturday's digest
    // (slot 09:00) goes at 11:00 and says so, once, at the top.
    await db.event.create({ data: { issueId: issue.id, kind: 'issue.note', actor: 'test', at: new Date('2020-05-15T06:00:00Z'), notify: true, dataJson: JSON.stringify({ note: 'Talks resume next week' }) } });
    await h.tick('2020-05-15T06:00:00Z');
    const late = mine(await replay(h, sink, ['2020-05-16T02:00:00Z']));
    h.mailer.close();
    expect(late).toHaveLength(1);
    expect(late[0]!.message.parsed.text).toContain('Sent late: Docket was not running at 09:00 on Sat 16 May.');
    expect(late[0]!.message.parsed.text!.match(/Sent late/g)).toHaveLength(1);
  });
});
