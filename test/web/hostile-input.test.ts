// What an attacker (or a broken client) sends: markup in every text an admin can enter must come out as
// text on every page and feed; garbage requests get a 4xx with a plain message, never a 5xx or a stack.
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addIssueNote } from '../../src/usecases/add-issue-note.js';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { signToken } from '../../src/tokens.js';
import { testSecret } from '../support/engine-harness.js';
import { describeStores } from '../support/test-stores.js';
import { adminToken, announcedAt, openForm, postForm, testApp, type TestApp } from './support/web-app.js';

const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>]]>&amp;';

describeStores('hostile input', (ctx) => {
  let t: TestApp;
  let slug: string;
  let subscriberId: number;
  let issueId: number;
  beforeAll(async () => {
    t = await testApp(ctx.store);
    const write = { db: ctx.store.db, now: announcedAt, actor: 'test' };
    slug = `evil-${ctx.provider}`;
    const issue = await createIssue(write, { slug, title: `Title ${evil}`, summary: `Summary ${evil}`, parties: [`Party ${evil}`], tags: [`tag ${evil}`] });
    issueId = issue.id;
    const deadline = await createDeadline(write, { issue: slug, title: `Deadline ${evil}`, due: '2020-05-31', zone: 'Asia/Seoul', demandedBy: `By ${evil}`, demandedOf: `Of ${evil}` }, { defaultZone: 'UTC' });
    await addIssueNote(write, slug, `Note ${evil}`);
    const subscriber = await ctx.store.db.subscriber.create({ data: { email: 'evil@example.com', zone: 'UTC', createdAt: announcedAt, updatedAt: announcedAt } });
    subscriberId = subscriber.id;
    await ctx.store.db.subscription.create({ data: { subscriberId, issueId, deadlineId: deadline.id, scope: `deadline:${deadline.id}`, createdAt: announcedAt } });
  });
  afterAll(() => t.app.close());

  it('renders markup in titles, summaries, parties, notes and deadlines as text on every page', async () => {
    const confirm = signToken(testSecret, { purpose: 'confirm', subscriberId, scope: `issue:${issueId}`, expiresAt: new Date(announcedAt.getTime() + 3_600_000) });
    const pages = [
      '/',
      `/issues/${slug}`,
      `/confirm/${confirm}`,
      `/manage/${signToken(testSecret, { purpose: 'manage', subscriberId })}`,
      `/unsubscribe/${signToken(testSecret, { purpose: 'unsubscribe', subscriberId })}`,
    ];
    const { session } = await openForm(t.app, `/issues/${slug}`);
    const inbox = await postForm(t.app, `/issues/${slug}/subscribe`, { email: 'x@example.com', zone: 'UTC', delivery: 'immediate', scope: 'issue' }, session);
    const invalid = await postForm(t.app, `/issues/${slug}/subscribe`, { email: evil, zone: evil, delivery: 'immediate', scope: 'issue' }, session);
    const responses = [...(await Promise.all(pages.map((url) => t.app.inject(url)))), inbox, invalid];
    for (const res of responses) {
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toContain('<img src=x');
    }
    const issuePage = responses[1]!.body;
    expect(issuePage).toContain('Title &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;]]&gt;&amp;amp;');
    expect(issuePage).toContain('Note &lt;script&gt;');
    expect(issuePage).toContain('Party &lt;script&gt;');
    expect(issuePage).toContain('Deadline &lt;script&gt;');
    expect(issuePage).toContain('By &lt;script&gt;');
    expect(invalid.statusCode).toBe(400);
  });

  it('keeps markup as text in the Atom and iCalendar feeds', async () => {
    for (const url of [`/issues/${slug}.atom`, '/feed.atom']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>');
      expect(res.body).not.toContain('<img');
      // Entry titles are type="html": once an Atom reader unescapes the XML, what it renders as HTML is escaped text.
      const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(res.body).feed;
      const titles: string[] = feed.entry.map((e: { title: { '#text': string } }) => e.title['#text']);
      expect(titles.filter((title) => title.includes('script'))).not.toHaveLength(0);
      for (const title of titles) expect(title).not.toMatch(/<script|<img/);
      expect(titles).toContain(`Update on Title &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;]]&gt;&amp;amp;`);
    }
    const ics = await t.app.inject(`/issues/${slug}.ics`);
    const calendar = new ICAL.Component(ICAL.parse(ics.body) as unknown[]);
    const [event] = calendar.getAllSubcomponents('vevent');
    expect(event!.getFirstPropertyValue('summary')).toBe(`Deadline ${evil}`);
  });

  it('answers garbage requests with a 4xx and a plain message, never a 5xx or a stack trace', async () => {
    const json = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const huge = 'x'.repeat(200 * 1024);
    const requests: Array<{ method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: string; headers?: Record<string, string> }> = [
      { method: 'POST', url: '/api/issues', payload: '{"slug": "a", ', headers: json },
      { method: 'POST', url: '/api/issues', payload: 'null', headers: json },
      { method: 'POST', url: '/api/issues', payload: '[1,2,3]', headers: json },
      { method: 'POST', url: '/api/issues', payload: '{"__proto__": {"admin": true}, "slug": "p", "title": "t"}', headers: json },
      { method: 'POST', url: '/api/issues', payload: JSON.stringify({ slug: 'big', title: huge }), headers: json },
      { method: 'POST', url: '/api/issues', payload: '<xml/>', headers: { ...json, 'content-type': 'application/xml' } },
      { method: 'POST', url: '/api/issues', payload: '', headers: json },
      { method: 'POST', url: '/api/deadlines', payload: JSON.stringify({ issue: slug, title: 't', due: '\u0000\uFFFF\uD800' }), headers: json },
      { method: 'POST', url: '/api/deadlines/99999999999999999999/extend', payload: '{"due":"2020-06-30"}', headers: json },
      { method: 'POST', url: `/issues/${slug}/subscribe`, payload: `email=${huge}`, headers: form },
      { method: 'POST', url: `/issues/${slug}/subscribe`, payload: 'email=a&email=b', headers: form },
      { method: 'POST', url: `/issues/${slug}/subscribe`, payload: '{"email": "a"}', headers: { 'content-type': 'application/json' } },
      { method: 'POST', url: `/unsubscribe/${'x'.repeat(100)}`, payload: huge, headers: { 'content-type': 'text/plain' } },
      { method: 'GET', url: '/api/deadlines?dueBefore=' + encodeURIComponent('9'.repeat(5000)) },
      { method: 'GET', url: '/api/deadlines?dueAfter=2020-02-30' },
      { method: 'GET', url: '/api/deadlines?zone=%00' },
      { method: 'GET', url: '/api/deadlines?issue[]=x' },
      { method: 'GET', url: '/api/issues?status=%F0%9F%92%A3' },
      { method: 'GET', url: '/api/issues/%E0%A4%A' },
      { method: 'GET', url: '/issues/%E0%A4%A' },
      { method: 'GET', url: '/issues/' + '%2e%2e%2f'.repeat(20) },
      { method: 'GET', url: '/issues/UPPER-case' },
      { method: 'GET', url: '/confirm/%00%00' },
      { method: 'DELETE', url: '/' },
      { method: 'PUT', url: '/api/issues' },
      { method: 'GET', url: '/api/alerts?limit=1e309', headers: { authorization: `Bearer ${adminToken}` } },
    ];
    for (const request of requests) {
      const res = await t.app.inject(request);
      const what = `${request.method} ${String(request.url).slice(0, 60)}`;
      expect(res.statusCode, `${what} → ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${what} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(res.body, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|Prisma|SQLITE|postgres/i);
      if (String(request.url).startsWith('/api/')) expect(res.json(), what).toHaveProperty('error');
    }
    expect(await ctx.store.db.trackedIssue.count({ where: { slug: { in: ['p', 'big'] } } })).toBe(0);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
