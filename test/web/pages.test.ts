// The public pages: what a visitor sees on / and /issues/<slug>, how they are served (headers, assets),
// and what happens for pages that do not exist.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extendDeadline } from '../../src/usecases/extend-deadline.js';
import { addIssueNote } from '../../src/usecases/add-issue-note.js';
import { describeStores } from '../support/test-stores.js';
import { announcedAt, seedCanonical, testApp, textOf, type TestApp } from './support/web-app.js';

describeStores('public pages', (ctx) => {
  let t: TestApp;
  let slug: string;
  let deadlineId: number;
  beforeAll(async () => {
    t = await testApp(ctx.store);
    const seeded = await seedCanonical(ctx.store, { slug: 'japan-korea-export-controls' });
    slug = seeded.slug;
    deadlineId = seeded.deadline.id;
  });
  afterAll(() => t.app.close());

  it('lists open issues on / with the next deadline and its countdown in the deadline\'s zone', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain(`href="/issues/${slug}"`);
    expect(res.body).toContain('Japan · South Korea');
    // 12 May 18:38 in Seoul → end of 31 May in Seoul: 19 calendar days.
    expect(res.body).toContain('Due <strong class="due-when"><time datetime="2020-05-31T23:59:59.999+09:00" data-zone="Asia/Seoul" data-precision="day" data-year="hide" title="Asia/Seoul">Sun 31 May, end of day, Seoul time</time></strong>');
    expect(res.body).toContain('<strong class="countdown">19 days left</strong>');
    expect(res.body).toContain('<main id="main"');
  });

  it('shows the issue with parties, sources, deadlines, history and a subscribe form with stable ids', async () => {
    const res = await t.app.inject(`/issues/${slug}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(textOf(html, 'issue-title')).toBe('Japan–South Korea export controls');
    expect(html).toContain('<span class="label">Parties:</span> Japan, South Korea');
    expect(html).toContain('<a href="https://example.org/news/2020-05-12" rel="noopener noreferrer nofollow">');
    expect(html).toContain(`id="deadline-${deadlineId}"`);
    expect(html).toContain('South Korea demands this of Japan');
    expect(html).toContain('“by the end of this month”');
    expect(html).toMatch(/New deadline: Japan&#39;s position on withdrawing the export controls — due Sun 31 May 2020/);
    for (const id of ['subscribe-form', 'subscribe-email', 'subscribe-zone', 'delivery-immediate', 'delivery-daily', 'scope-issue', `scope-deadline-${deadlineId}`, 'subscribe-button', 'issue-ics', 'issue-atom']) {
      expect(html, id).toContain(`id="${id}"`);
    }
    expect(html).toContain('<label for="subscribe-email">Email address</label>');
    expect(html).toMatch(/id="subscribe-zone"[^>]*value="UTC" data-zone-autofill="yes"/);
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
    expect(res.cookies.find((c) => c.name === 'docket_csrf')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(html).toContain(`<link rel="alternate" type="application/atom+xml" title="Japan–South Korea export controls: updates (Atom)" href="/issues/${slug}.atom">`);
  });

  it('shows extensions old → new in the deadline history, and notes in the issue updates', async () => {
    const seeded = await seedCanonical(ctx.store);
    const later = { db: ctx.store.db, now: new Date('2020-05-29T01:00:00Z'), actor: 'test' };
    await extendDeadline(later, seeded.deadline.id, { due: '2020-06-30', note: 'Seoul gave Tokyo another month.' });
    await addIssueNote(later, seeded.slug, 'Japan declined to comment on each point.');
    t.clock.set('2020-05-29T03:00:00Z');
    const html = (await t.app.inject(`/issues/${seeded.slug}`)).body;
    t.clock.set(announcedAt);
    expect(html).toContain('Extended: Japan&#39;s position on withdrawing the export controls — Sun 31 May 2020 → Tue 30 Jun 2020');
    expect(html).toContain('Seoul gave Tokyo another month.');
    expect(html).toContain('<span class="badge status-extended">Extended</span>');
    expect(html).toContain('<strong class="countdown">32 days left</strong>');
    expect(textOf(html, 'issue-history')).toContain('Update on Japan–South Korea export controls');
    expect(html).toContain('Japan declined to comment on each point.');
  });

  it('gives each visitor their own CSRF token although the page is served from a cache', async () => {
    const first = await t.app.inject(`/issues/${slug}`);
    const second = await t.app.inject(`/issues/${slug}`);
    const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
    expect(token(first.body)).not.toBe(token(second.body));
    expect(first.cookies[0]!.value).not.toBe(second.cookies[0]!.value);
    // A returning visitor keeps their cookie (no new one is set) and gets a fresh token for it.
    const again = await t.app.inject({ url: `/issues/${slug}`, headers: { cookie: `docket_csrf=${first.cookies[0]!.value}` } });
    expect(again.cookies).toEqual([]);
    expect(token(again.body)).not.toBe(token(first.body));
    expect(first.body.replace(token(first.body)!, '')).toBe(second.body.replace(token(second.body)!, ''));
  });

  it('shows changes made by another process (the CLI) once the freshness window has passed', async () => {
    let ms = 0;
    const cached = await testApp(ctx.store, { deps: { options: { freshnessMs: 200, freshnessClock: () => ms } } });
    try {
      const seeded = await seedCanonical(ctx.store);
      expect((await cached.app.inject(`/issues/${seeded.slug}`)).body).not.toContain('Renamed by the CLI');
      await ctx.store.db.trackedIssue.update({ where: { id: seeded.issue.id }, data: { title: 'Renamed by the CLI', updatedAt: new Date('2020-05-13T00:00:00Z') } });
      ms += 199; // still inside the window: the snapshot stands
      expect((await cached.app.inject(`/issues/${seeded.slug}`)).body).not.toContain('Renamed by the CLI');
      ms += 1;
      expect((await cached.app.inject(`/issues/${seeded.slug}`)).body).toContain('Renamed by the CLI');
      expect((await cached.app.inject('/')).body).toContain('Renamed by the CLI');
    } finally {
      await cached.app.close();
    }
  });

  it('moves countdowns on as the clock moves, even when nothing else changed', async () => {
    t.clock.set('2020-05-30T03:00:00Z'); // noon on 30 May in Seoul
    const later = (await t.app.inject('/')).body;
    t.clock.set(announcedAt);
    expect(later).toContain('<strong class="countdown">1 day 11 h left</strong>');
  });

  it('sends security headers: a strict CSP without inline script, no referrer, no framing', async () => {
    const res = await t.app.inject('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests'); // plain-HTTP base URL
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.body).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/ style="/);
  });

  it('serves the script and stylesheet with a content-hash URL, long caching and 304s', async () => {
    const page = (await t.app.inject('/')).body;
    const js = /<script src="(\/assets\/app\.js\?v=[\w-]+)" defer><\/script>/.exec(page)?.[1];
    const css = /<link rel="stylesheet" href="(\/assets\/app\.css\?v=[\w-]+)">/.exec(page)?.[1];
    expect(js).toBeDefined();
    expect(css).toBeDefined();
    const res = await t.app.inject(js!);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toContain('resolvedOptions().timeZone');
    expect((await t.app.inject({ url: js!, headers: { 'if-none-match': String(res.headers.etag) } })).statusCode).toBe(304);
    expect((await t.app.inject(css!)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await t.app.inject('/assets/secret.txt')).statusCode).toBe(404);
    expect((await t.app.inject('/assets/..%2Fpackage.json')).statusCode).toBe(404);
  });

  it('answers unknown and malformed issue slugs with a 404 page, not an error', async () => {
    for (const url of ['/issues/no-such-issue', '/issues/%3Cscript%3E', '/issues/' + 'a'.repeat(300), '/issues/..%2F..%2Fetc', '/nowhere']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('Not found');
      expect(res.body, url).not.toContain('<script>');
    }
  });

  it('hides the subscribe form of a closed issue and says it is closed', async () => {
    const seeded = await seedCanonical(ctx.store);
    await ctx.store.db.trackedIssue.update({ where: { id: seeded.issue.id }, data: { status: 'closed' } });
    const html = (await t.app.inject(`/issues/${seeded.slug}`)).body;
    expect(html).toContain('id="issue-closed"');
    expect(html).not.toContain('id="subscribe-form"');
    expect((await t.app.inject('/')).body).not.toContain(`href="/issues/${seeded.slug}"`);
  });
});

