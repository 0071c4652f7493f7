// What subscribers see, in Chromium at 1280×900 and 390×844, light and dark, on both stores: the due
// block above the fold, every subscribe problem listed and focused, the zone finder without JavaScript,
// the confirm → manage path with next sends, the overdue badge, and every email kind at 390 px with no
// sideways scroll. Screenshots go to test-artifacts/subscriber/ for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAlert, renderDigest } from '../../src/mail/render-alert.js';
import { renderConfirmation } from '../../src/mail/render-confirmation.js';
import { renderWelcome } from '../../src/mail/render-welcome.js';
import { reminderSchedule } from '../../src/subscriber/schedule.js';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { harness, testSettings, type Harness } from '../support/engine-harness.js';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';
import { context as mailContext, deadline as mailDeadline, issue as mailIssue, reminder, subscriber as mailSubscriber } from '../mail/fixtures.js';
import { seedCanonical } from '../web/support/web-app.js';
import { launchChromium, startBrowserApp, watchConsole, type BrowserApp } from './support/browser.js';

const shotsDir = fileURLToPath(new URL('../../test-artifacts/subscriber/', import.meta.url));
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(shotsDir, { recursive: true });
});
afterAll(() => browser?.close());

/** Light and dark, desktop and phone; returns the phone's sideways overflow in px. */
async function shoot(page: Page, name: string): Promise<number> {
  let overflow = 0;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, size] of [['desktop', desktop], ['phone', phone]] as const) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(shotsDir, `${name}-${label}-${scheme}.png`), fullPage: true });
      if (label === 'phone') overflow = Math.max(overflow, Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')));
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(desktop);
  return overflow;
}

function linkIn(message: ReceivedMessage, prefix: string): string {
  const found = ((message.parsed.text ?? '').match(/https?:\/\/\S+/g) ?? []).filter((link) => link.startsWith(prefix));
  if (found.length === 0) throw new Error(`no ${prefix}… link in:\n${message.parsed.text}`);
  return found[0]!;
}

describeStores('what subscribers see', (ctx) => {
  let sink: SmtpSink;
  let web: BrowserApp;
  let h: Harness;
  let slug: string;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    sink = await startSmtpSink();
    web = await startBrowserApp(ctx.store);
    h = harness(ctx.store.db, sink, { BASE_URL: web.url });
    ({ slug } = await seedCanonical(ctx.store, { slug: `views-${ctx.provider}` }));
    // A second issue whose deadline is long past with no answer: "Overdue", never "Pending".
    const old = await seedCanonical(ctx.store, { slug: `overdue-${ctx.provider}`, title: 'Fisheries access talks', deadlineTitle: 'Reply on quota proposal' });
    await createDeadline({ db: ctx.store.db, now: new Date('2019-01-01T00:00:00Z'), actor: 'test' }, { issue: old.slug, title: 'Reply on licence terms', due: '2019-02-01', zone: 'Europe/Brussels', demandedBy: 'EU' }, { defaultZone: 'UTC' });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    h?.mailer.close();
    await web?.close();
    await sink?.close();
  });

  async function open(options: Parameters<Browser['newContext']>[0] = {}) {
    const c = await browser.newContext({ locale: 'en-GB', viewport: desktop, timezoneId: 'America/New_York', ...options });
    contexts.push(c);
    return { page: await c.newPage(), problems: watchConsole(c) };
  }

  it('leads the issue page and home cards with the reader\'s own time, the countdown and a stage colour; overdue reads Overdue', async () => {
    web.clock.set('2020-05-24T15:00:00Z'); // 11:00 in New York, a week before Seoul's end of May
    const { page, problems } = await open();
    await page.goto(`${web.url}/issues/${slug}`);
    const block = page.locator('.deadline .due-block').first();
    expect(await block.textContent()).toBe('Pending Due Sun 31 May, 10:59 EDT (your time) · 6 days 23 h left · Seoul: end of Sun 31 May');
    expect(await page.locator('.deadline').first().getAttribute('class')).toContain('stage-week');
    // Above the fold on a phone and on a desktop.
    for (const size of [phone, desktop]) {
      await page.setViewportSize(size);
      const box = (await block.boundingBox())!;
      expect(box.y + box.height).toBeLessThan(size.height);
    }
    const overflow = await shoot(page, `${ctx.provider}-issue`);
    // Dark mode is a different page to look at, not the same pixels.
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await page.screenshot();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.screenshot();
    expect(Buffer.compare(light, dark)).not.toBe(0);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(18, 20, 22)');
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    expect(await page.locator('#subscribe-form').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${web.url}/`);
    const overdueCard = page.locator(`#issue-overdue-${ctx.provider}`);
    expect(await overdueCard.locator('.meta').textContent()).toMatch(/^1 upcoming deadline · 1 overdue/);
    expect(await page.locator(`#issue-views-${ctx.provider} .countdown`).textContent()).toBe('6 days 23 h left');
    const homeOverflow = await shoot(page, `${ctx.provider}-home`);
    await page.goto(`${web.url}/issues/overdue-${ctx.provider}`);
    expect(await page.locator('.badge.status-overdue').first().textContent()).toBe('Overdue');
    expect(await page.locator('.stage-overdue .due-block').first().textContent()).toMatch(/ · overdue by 15 months \d+ days, no answer recorded · Brussels: end of Fri 1 Feb 2019$/);
    expect(await page.locator('.deadline.stage-overdue .facts dd').first().textContent()).toBe('Demanded by EU');
    expect(await page.locator('.badge.status-pending').count()).toBe(1); // the one still ahead
    await shoot(page, `${ctx.provider}-issue-overdue`);
    expect({ overflow, homeOverflow }).toEqual({ overflow: 0, homeOverflow: 0 });
    expect(problems.list).toEqual([]);
  });

  it('does not shift its layout while loading: home, issue page and subscribe form, phone and desktop', async () => {
    web.clock.set('2020-05-24T15:00:00Z');
    const shifts: Record<string, number> = {};
    for (const [label, size] of [['desktop', desktop], ['phone', phone]] as const) {
      // A new context each time: nothing cached, fonts and scripts load as on a first visit.
      const { page, problems } = await open({ viewport: size });
      for (const [name, url] of [['home', '/'], ['issue', `/issues/${slug}`]] as const) {
        // Cumulative Layout Shift as Chromium reports it (unexpected shifts only), after load and scripts.
        await page.addInitScript({
          content: `window.cls = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });`,
        });
        await page.goto(`${web.url}${url}`, { waitUntil: 'load' });
        await page.waitForTimeout(500);
        shifts[`${name}-${label}`] = Number(await page.evaluate('window.cls'));
      }
      expect(problems.list).toEqual([]);
    }
    // The due block's rewrite no longer moves the page (it did by 22 px: CLS 0.013–0.02). What can remain is
    // "(your time)" re-wrapping one line on a phone when the script runs after the first paint: seen once at
    // 0.003. Held well under 0.1, the "good" limit of Core Web Vitals.
    for (const [page, cls] of Object.entries(shifts)) expect(cls, page).toBeLessThan(0.01);
  });

  it('lists every subscribe problem at the top, marks the fields and moves focus there; finds "tokyo" without JavaScript', async () => {
    web.clock.set('2020-05-24T15:00:00Z');
    const { page, problems } = await open({ viewport: phone });
    await page.goto(`${web.url}/issues/${slug}`);
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByLabel('Your time zone').fill('Europe/Berln');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.waitForSelector('#subscribe-errors');
    await page.waitForLoadState('load');
    expect(await page.locator('#subscribe-errors li').allTextContents()).toEqual([
      '“not-an-address” is not an email address. Check it looks like name@example.org.',
      '“Europe/Berln” is not a time zone we know. Did you mean Europe/Berlin — Germany?',
    ]);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('subscribe-errors');
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Your time zone').getAttribute('aria-invalid')).toBe('true');
    // The summary is on screen, not 1,200 px down.
    const box = (await page.locator('#subscribe-errors').boundingBox())!;
    const scrolled = Number(await page.evaluate('window.scrollY'));
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(phone.height);
    expect(scrolled).toBeGreaterThan(0);
    expect(await shoot(page, `${ctx.provider}-subscribe-errors`)).toBe(0);
    // The re-shown form answers 400 (the browser logs that); nothing else went wrong.
    expect(problems.list.filter((p) => !/status of 400 \(Bad Request\) \[[^\]]+\/subscribe\]$/.test(p))).toEqual([]);

    const noScript = await open({ javaScriptEnabled: false, viewport: phone });
    await noScript.page.goto(`${web.url}/issues/${slug}`);
    await noScript.page.getByLabel('Email address').fill('tokyo-reader@example.com');
    await noScript.page.getByLabel('Your time zone').fill('tokyo');
    await noScript.page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await noScript.page.waitForSelector('#check-inbox-title');
    expect(await noScript.page.locator('#check-inbox-zone').textContent()).toBe('Asia/Tokyo');
    expect(await noScript.page.locator('#schedule-list li').allTextContents()).toEqual([
      'Sat 30 May, 09:00 UTC+9 — Due in 1 day',
      'Sun 31 May, 09:00 UTC+9 — Due today',
      'Mon 1 Jun, 09:00 UTC+9 — Overdue, if no answer is recorded by then',
    ]);
    expect(await shoot(noScript.page, `${ctx.provider}-check-inbox`)).toBe(0);

    // "Korea" offers a choice of zones; picking one keeps what was typed.
    await noScript.page.goto(`${web.url}/issues/${slug}`);
    await noScript.page.getByLabel('Email address').fill('korea-reader@example.com');
    await noScript.page.getByLabel('Your time zone').fill('Korea');
    await noScript.page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await noScript.page.waitForSelector('#zone-choices');
    expect(await noScript.page.locator('#zone-choices button').allTextContents()).toEqual(['Asia/Seoul — South Korea', 'Asia/Pyongyang — North Korea']);
    await shoot(noScript.page, `${ctx.provider}-zone-choices`);
    await noScript.page.getByRole('button', { name: 'Asia/Seoul — South Korea' }).click();
    await noScript.page.waitForSelector('#check-inbox-title');
    expect(await noScript.page.locator('#check-inbox-zone').textContent()).toBe('Asia/Seoul');
  });

  it('confirms with the zone asked for, then shows the manage page with the next send per deadline; used links say "already done"', async () => {
    const db = ctx.store.db;
    web.clock.set('2020-05-20T12:00:00Z');
    const { page, problems } = await open();
    await page.goto(`${web.url}/issues/${slug}`);
    await page.getByLabel('Email address').fill('berlin-reader@example.com');
    await page.getByLabel('Your time zone').fill('berlin');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.waitForSelector('#check-inbox-title');
    await h.tick('2020-05-20T12:00:00Z');
    const confirmation = sink.messages.find((m) => m.to.includes('berlin-reader@example.com'))!;
    expect(confirmation.parsed.text).toContain('at your morning hour\nin Europe/Berlin');
    await page.goto(linkIn(confirmation, `${web.url}/confirm/`));
    expect(await page.locator('#confirm-settings').textContent()).toContain('timed for Europe/Berlin');
    expect(await page.locator('#schedule-list li').first().textContent()).toBe('Sun 24 May, 09:00 CEST — Due in 7 days');
    await shoot(page, `${ctx.provider}-confirm`);
    await page.getByRole('button', { name: 'Confirm subscription' }).click();
    await page.waitForSelector('#confirmed-title');
    expect(await page.locator('#confirmed-title').textContent()).toBe('You are subscribed');
    await shoot(page, `${ctx.provider}-confirmed`);
    expect(await db.subscriber.findUniqueOrThrow({ where: { email: 'berlin-reader@example.com' } })).toMatchObject({ zone: 'Europe/Berlin' });

    // The same link again: already done.
    await page.goto(linkIn(confirmation, `${web.url}/confirm/`));
    expect(await page.locator('#confirmed-title').textContent()).toBe('Already done: you are subscribed');
    await shoot(page, `${ctx.provider}-confirm-used`);

    await page.getByRole('link', { name: 'Manage your subscriptions' }).click();
    await page.waitForSelector('#manage-title');
    expect(await page.locator('.next-sends li').first().textContent()).toBe("Japan's position on withdrawing the export controls: next email Sun 24 May, 09:00 CEST (Due in 7 days)");
    expect(await shoot(page, `${ctx.provider}-manage`)).toBe(0);

    // The personal calendar feed opens, and "Make new links" revokes it and this page's old address.
    const feed = await page.locator('#personal-feed').getAttribute('href');
    const manageUrl = page.url();
    expect((await fetch(feed!)).status).toBe(200);
    await page.getByRole('button', { name: 'Make new links' }).click();
    await page.waitForSelector('#manage-notice');
    expect((await fetch(feed!)).status).toBe(403);
    expect((await fetch(manageUrl)).status).toBe(403);

    // Unsubscribe from the new page's link, then the same link again: already done.
    await page.getByRole('button', { name: 'Unsubscribe from everything' }).click();
    await page.waitForSelector('#unsubscribed-title');
    await shoot(page, `${ctx.provider}-unsubscribed`);
    expect(problems.list).toEqual([]);
  });
});

describe('emails on a phone', () => {
  it('renders every email kind at 390 px in Chromium with nothing wider than the screen', async () => {
    const c = await browser.newContext({ viewport: phone });
    const page = await c.newPage();
    const longSource = `https://www.example.com/${'very-long-path-segment-'.repeat(8)}index.html`;
    const withSources = mailIssue({ sources: [longSource] });
    const ctx = mailContext();
    const kinds: Record<string, string> = {
      'reminder-7d': renderAlert(reminder('before:P7D', { issue: withSources }), mailContext({ now: new Date('2020-05-24T13:00:00Z') })).html,
      'reminder-due-honolulu': renderAlert(reminder('due', { subscriber: mailSubscriber({ zone: 'Pacific/Honolulu' }) }), mailContext({ now: new Date('2020-05-30T19:00:00Z') })).html,
      'reminder-overdue': renderAlert(reminder('overdue:1'), mailContext({ now: new Date('2020-06-01T13:00:00Z') })).html,
      'event-created': renderAlert({ ...reminder(), content: { kind: 'event', event: 'deadline.created', deadline: mailDeadline({ demandedBy: '', demandedOf: '' }), at: new Date('2020-05-12T09:38:00Z') } }, ctx).html,
      'event-extended': renderAlert({ ...reminder(), content: { kind: 'event', event: 'deadline.extended', deadline: mailDeadline({ status: 'extended' }), from: mailDeadline().due, to: { ...mailDeadline().due, instant: new Date('2020-06-30T14:59:59.999Z') }, note: 'Seoul gave Tokyo another month', at: ctx.now } }, ctx).html,
      'event-resolved': renderAlert({ ...reminder(), content: { kind: 'event', event: 'deadline.resolved', deadline: mailDeadline({ status: 'missed', resolutionNote: 'No position was given' }), at: ctx.now } }, ctx).html,
      'event-note': renderAlert({ ...reminder(), content: { kind: 'event', event: 'issue.note', deadline: null, note: 'Japan declined to comment on each point.', at: ctx.now } }, ctx).html,
      digest: renderDigest({ subscriber: mailSubscriber(), windowFrom: new Date('2020-05-29T13:00:00Z'), windowTo: new Date('2020-05-30T13:00:00Z'), items: [reminder('before:P1D'), { ...reminder(), alertKey: 'e:1', content: { kind: 'event', event: 'issue.note', deadline: null, note: 'A note', at: ctx.now } }] }, ctx).html,
      confirm: renderConfirmation({ alertKey: 'c:7:deadline:42:1589277480000:daily:Asia/Tokyo', subscriber: mailSubscriber(), issue: mailIssue(), deadline: mailDeadline(), confirmUrl: `http://localhost:8080/confirm/${'x'.repeat(160)}`, expiresAt: new Date('2020-05-14T10:00:00Z') }, ctx).html,
      welcome: renderWelcome(
        {
          alertKey: 'w:7',
          subscriber: { ...mailSubscriber(), delivery: 'immediate' },
          issue: withSources,
          deadline: null,
          open: [mailDeadline(), mailDeadline({ id: 43, title: `A second demand with a long title ${'that goes on '.repeat(6)}` })],
          settled: 1,
          schedule: reminderSchedule({ due: mailDeadline().due, issueOffsets: null, deadlineOffsets: null }, mailSubscriber().zone, testSettings().policy, ctx.now),
        },
        ctx,
      ).html,
    };
    const overflow: Record<string, number> = {};
    for (const [name, html] of Object.entries(kinds)) {
      await page.setContent(html);
      overflow[name] = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
      await page.screenshot({ path: path.join(shotsDir, `email-${name}-phone.png`), fullPage: true });
      await page.setViewportSize(desktop);
      await page.screenshot({ path: path.join(shotsDir, `email-${name}-desktop.png`), fullPage: true });
      await page.setViewportSize(phone);
    }
    expect(overflow).toEqual(Object.fromEntries(Object.keys(kinds).map((k) => [k, 0])));
    // The Honolulu due-day email counts hours, not "1 day".
    await page.setContent(kinds['reminder-due-honolulu']!);
    expect(await page.locator('body').textContent()).toContain('Due Sun 31 May, 04:59 HST (your time) · 19 h 59 min left');
    await c.close();
  });
});
