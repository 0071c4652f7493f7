// Calendar and Atom feeds, read back with real parsers: ical.js for RFC 5545 structure (UIDs, all-day
// dates, VALARMs, SEQUENCE, CANCELLED), fast-xml-parser for Atom (stable entry ids, newest first).
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { extendDeadline } from '../../src/usecases/extend-deadline.js';
import { resolveDeadline } from '../../src/usecases/resolve-deadline.js';
import { addIssueNote } from '../../src/usecases/add-issue-note.js';
import { describeStores } from '../support/test-stores.js';
import { announcedAt, seedCanonical, testApp, type TestApp } from './support/web-app.js';

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = calendar.getAllSubcomponents('vevent').map((event) => ({
    uid: String(event.getFirstPropertyValue('uid')),
    summary: String(event.getFirstPropertyValue('summary')),
    start: event.getFirstPropertyValue('dtstart') as ICAL.Time,
    end: event.getFirstPropertyValue('dtend') as ICAL.Time,
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status')),
    alarms: event.getAllSubcomponents('valarm').map((alarm) => ({
      action: String(alarm.getFirstPropertyValue('action')),
      trigger: String(alarm.getFirstPropertyValue('trigger')),
      related: alarm.getFirstProperty('trigger')?.getParameter('related') ?? 'START',
    })),
  }));
  return { calendar, events };
}

const atomParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });
type AtomEntry = { id: string; title: { '#text': string } | string; updated: string; link: Array<{ '@href': string }>; content?: { '#text': string } };
function parseAtom(text: string): { feed: { id: string; title: string; updated: string; entry?: AtomEntry[]; link: Array<{ '@href': string; '@rel': string }> } } {
  return atomParser.parse(text);
}
const titleOf = (entry: AtomEntry) => (typeof entry.title === 'string' ? entry.title : entry.title['#text']);

describeStores('calendar and Atom feeds', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());
  const write = (at: string) => ({ db: ctx.store.db, now: new Date(at), actor: 'test' });

  it('serves one issue as iCalendar: a stable UID per deadline, all-day on the Seoul date, VALARMs for 7d/1d/0d', async () => {
    const { slug, deadline } = await seedCanonical(ctx.store);
    const res = await t.app.inject(`/issues/${slug}.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${slug}.ics"`);
    expect(res.body.split('\r\n').slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    const { calendar, events } = parseCalendar(res.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Docket');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.uid).toBe(`deadline-${deadline.id}@docket.test`);
    expect(event!.start.isDate).toBe(true);
    expect(event!.start.toString()).toBe('2020-05-31');
    expect(event!.end.toString()).toBe('2020-06-01');
    expect(event!.sequence).toBe(0);
    expect(event!.status).toBe('CONFIRMED');
    expect(event!.summary).toBe("Japan's position on withdrawing the export controls");
    // All-day alarms ring at 09:00 on the reminder day: 7 days before is 6 days 15 hours before the start.
    expect(event!.alarms).toEqual([
      { action: 'DISPLAY', trigger: '-P6DT15H', related: 'START' },
      { action: 'DISPLAY', trigger: '-PT15H', related: 'START' },
      { action: 'DISPLAY', trigger: 'PT9H', related: 'START' },
    ]);
  });

  it('updates an event in place on extension (same UID, SEQUENCE up) and cancels a withdrawn one; ETag changes, 304 until then', async () => {
    const { slug, deadline } = await seedCanonical(ctx.store);
    const first = await t.app.inject(`/issues/${slug}.ics`);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.app.inject({ url: `/issues/${slug}.ics`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await t.app.inject({ url: `/issues/${slug}.ics`, headers: { 'if-none-match': `"other", W/${etag}` } })).statusCode).toBe(304);

    await extendDeadline(write('2020-05-29T00:00:00Z'), deadline.id, { due: '2020-06-30' });
    const extended = await t.app.inject({ url: `/issues/${slug}.ics`, headers: { 'if-none-match': etag } });
    expect(extended.statusCode).toBe(200);
    expect(extended.headers.etag).not.toBe(etag);
    const [moved] = parseCalendar(extended.body).events;
    expect(moved).toMatchObject({ uid: `deadline-${deadline.id}@docket.test`, sequence: 1, status: 'CONFIRMED' });
    expect(moved!.start.toString()).toBe('2020-06-30');

    await resolveDeadline(write('2020-06-02T00:00:00Z'), deadline.id, { status: 'withdrawn', note: 'Dropped.' });
    const [cancelled] = parseCalendar((await t.app.inject(`/issues/${slug}.ics`)).body).events;
    // SEQUENCE goes up again, or calendar apps would ignore the cancellation of an event they already hold.
    expect(cancelled).toMatchObject({ status: 'CANCELLED', sequence: 2, summary: "Withdrawn: Japan's position on withdrawing the export controls" });
  });

  it('writes timed deadlines in UTC, month deadlines on the last day, and follows per-issue reminder offsets', async () => {
    const { slug } = await seedCanonical(ctx.store);
    await ctx.store.db.trackedIssue.update({ where: { slug }, data: { offsetsJson: JSON.stringify(['P2D']) } });
    const at = write('2020-05-12T09:38:00Z');
    const timed = await createDeadline(at, { issue: slug, title: 'Reply by Friday 17:00', due: '2020-05-15T17:00', zone: 'Asia/Seoul' }, { defaultZone: 'UTC' });
    const monthly = await createDeadline(at, { issue: slug, title: 'Talks by the end of June', due: '2020-06', zone: 'Asia/Seoul' }, { defaultZone: 'UTC' });
    const { events } = parseCalendar((await t.app.inject(`/issues/${slug}.ics`)).body);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const timedEvent = byUid.get(`deadline-${timed.id}@docket.test`)!;
    expect(timedEvent.start.isDate).toBe(false);
    expect(timedEvent.start.toString()).toBe('2020-05-15T08:00:00Z');
    expect(timedEvent.alarms).toEqual([{ action: 'DISPLAY', trigger: '-P2D', related: 'START' }]);
    const monthEvent = byUid.get(`deadline-${monthly.id}@docket.test`)!;
    expect(monthEvent.start.toString()).toBe('2020-06-30');
    expect(monthEvent.alarms.map((a) => a.trigger)).toEqual(['-P1DT15H']);
  });

  it('sends a gzip copy to clients that accept it, with its own ETag, and 304s for either', async () => {
    await seedCanonical(ctx.store);
    const plain = await t.app.inject('/calendar.ics');
    const zipped = await t.app.inject({ url: '/calendar.ics', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect((await t.app.inject({ url: '/calendar.ics', headers: { 'accept-encoding': 'gzip;q=0' } })).headers['content-encoding']).toBeUndefined();
    for (const etag of [plain.headers.etag, zipped.headers.etag]) {
      expect((await t.app.inject({ url: '/calendar.ics', headers: { 'accept-encoding': 'gzip', 'if-none-match': String(etag) } })).statusCode).toBe(304);
    }
  });

  it('puts every deadline of every open issue in /calendar.ics, and no closed issue', async () => {
    const open = await seedCanonical(ctx.store);
    const closed = await seedCanonical(ctx.store);
    await ctx.store.db.trackedIssue.update({ where: { id: closed.issue.id }, data: { status: 'closed' } });
    const res = await t.app.inject('/calendar.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('inline; filename="docket.ics"');
    const uids = parseCalendar(res.body).events.map((e) => e.uid);
    expect(uids).toContain(`deadline-${open.deadline.id}@docket.test`);
    expect(uids).not.toContain(`deadline-${closed.deadline.id}@docket.test`);
    expect(new Set(uids).size).toBe(uids.length);
    expect((await t.app.inject({ url: '/calendar.ics', headers: { 'if-none-match': String(res.headers.etag) } })).statusCode).toBe(304);
  });

  it('serves an issue as Atom: one entry per news event, newest first, ids that never change', async () => {
    const { slug, deadline } = await seedCanonical(ctx.store);
    const before = parseAtom((await t.app.inject(`/issues/${slug}.atom`)).body).feed;
    expect(before.id).toBe(`http://docket.test/issues/${slug}.atom`);
    expect(before.title).toBe('Docket: Japan–South Korea export controls');
    expect(before.link).toEqual(expect.arrayContaining([expect.objectContaining({ '@rel': 'self', '@href': `http://docket.test/issues/${slug}.atom` })]));
    // issue.created and deadline.created
    expect(before.entry!.map(titleOf)).toEqual([
      "New deadline: Japan&#39;s position on withdrawing the export controls — due Sun 31 May 2020",
      'Now tracking: Japan–South Korea export controls',
    ]);

    await extendDeadline(write('2020-05-29T00:00:00Z'), deadline.id, { due: '2020-06-30', note: 'One more month.' });
    await addIssueNote(write('2020-05-29T01:00:00Z'), slug, 'Japan declined to comment.');
    await resolveDeadline(write('2020-06-20T00:00:00Z'), deadline.id, { status: 'met', note: 'Japan answered.' });
    const res = await t.app.inject(`/issues/${slug}.atom`);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const after = parseAtom(res.body).feed;
    expect(after.entry!.map(titleOf)).toEqual([
      "Met: Japan&#39;s position on withdrawing the export controls",
      'Update on Japan–South Korea export controls',
      "Extended: Japan&#39;s position on withdrawing the export controls — Sun 31 May 2020 → Tue 30 Jun 2020",
      "New deadline: Japan&#39;s position on withdrawing the export controls — due Sun 31 May 2020",
      'Now tracking: Japan–South Korea export controls',
    ]);
    expect(after.updated).toBe('2020-06-20T00:00:00.000Z');
    // Old entries keep their ids; every id is a tag URI on this host.
    expect(after.entry!.slice(-2).map((e) => e.id)).toEqual(before.entry!.map((e) => e.id));
    for (const entry of after.entry!) expect(entry.id).toMatch(/^tag:docket\.test,\d{4}-\d{2}-\d{2}:docket:event:\d+$/);
    expect(after.entry![2]!.link[0]!['@href']).toBe(`http://docket.test/issues/${slug}#deadline-${deadline.id}`);
    expect(after.entry![2]!.content!['#text'] ?? after.entry![2]!.content).toContain('One more month.');
    expect((await t.app.inject({ url: `/issues/${slug}.atom`, headers: { 'if-none-match': String(res.headers.etag) } })).statusCode).toBe(304);
  });

  it('serves every issue\'s news in /feed.atom', async () => {
    const a = await seedCanonical(ctx.store, { title: 'Issue A' });
    const b = await seedCanonical(ctx.store, { title: 'Issue B' });
    const feed = parseAtom((await t.app.inject('/feed.atom')).body).feed;
    expect(feed.id).toBe('http://docket.test/feed.atom');
    const links = feed.entry!.map((e) => e.link[0]!['@href']);
    expect(links).toEqual(expect.arrayContaining([`http://docket.test/issues/${a.slug}`, `http://docket.test/issues/${b.slug}`]));
    expect(feed.entry!.map(titleOf)).toEqual(expect.arrayContaining(['Now tracking: Issue A', 'Now tracking: Issue B']));
  });

  it('answers unknown feeds with a plain-text 404', async () => {
    for (const url of ['/issues/nope.ics', '/issues/nope.atom', '/issues/%3Cx%3E.ics']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/plain; charset=utf-8');
    }
    expect(announcedAt).toBeInstanceOf(Date);
  });
});
