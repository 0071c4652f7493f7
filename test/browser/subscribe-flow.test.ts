// A person in a real browser (Debian's Chromium) on the real app, with the real engine and a real SMTP
// server: home → issue → subscribe → confirmation email → confirm → reminder → one-click unsubscribe and
// the footer link → nothing more. Also: the form without JavaScript, the zone taken from the browser, no
// console errors under the CSP, and pages that fit a phone. Screenshots go to test-artifacts/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harness, type Harness } from '../support/engine-harness.js';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';
import { seedCanonical } from '../web/support/web-app.js';
import { launchChromium, snapshot, startBrowserApp, watchConsole, type BrowserApp, type ConsoleProblems } from './support/browser.js';

const slug = 'japan-korea-export-controls';
const deadlineTitle = "Japan's position on withdrawing the export controls";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** A header as sent, unfolded (mailparser turns list headers into objects). */
function rawHeader(message: ReceivedMessage, name: string): string | undefined {
  const head = message.raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
}

/** The one link in a message's plain text that starts with `prefix`. */
function linkIn(message: ReceivedMessage, prefix: string): string {
  const links = (message.parsed.text ?? '').match(/https?:\/\/\S+/g) ?? [];
  const found = links.filter((link) => link.startsWith(prefix));
  if (found.length === 0) throw new Error(`no ${prefix}… link in:\n${message.parsed.text}`);
  return found[0]!;
}

describeStores('in the browser', (ctx) => {
  let sink: SmtpSink;
  let web: BrowserApp;
  let h: Harness;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    sink = await startSmtpSink();
    web = await startBrowserApp(ctx.store);
    // The engine's links point at the running app, so the browser can open them.
    h = harness(ctx.store.db, sink, { BASE_URL: web.url });
    await seedCanonical(ctx.store, { slug });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    h?.mailer.close();
    await web?.close();
    await sink?.close();
  });

  async function newContext(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page; problems: ConsoleProblems }> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 }, ...options });
    contexts.push(context);
    const problems = watchConsole(context);
    return { context, page: await context.newPage(), problems };
  }
  const mailTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

  /** The scheduler's tick sends the double opt-in email like any other alert (kind 'confirm'). */
  async function deliverConfirmations(at: string): Promise<void> {
    const before = sink.messages.length;
    const result = await h.tick(at);
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    expect(sink.messages).toHaveLength(before + 1);
  }

  it('subscribes, confirms, gets a reminder, leaves by one click and by the footer link, and hears nothing more', async () => {
    const db = ctx.store.db;
    const shots = ctx.provider;
    const overflow: Record<string, number> = {};
    const snap = async (page: Page, name: string) => void (overflow[name] = (await snapshot(page, shots, name)).phoneOverflowPx);
    web.clock.set('2020-05-12T10:00:00Z'); // 19:00 in Seoul, the evening of the demand
    // The reader's computer is set to New York; they will be in Berlin for the next weeks.
    const { page, problems } = await newContext({ timezoneId: 'America/New_York' });

    // 1. Home page → the issue.
    await page.goto(`${web.url}/`);
    expect(await page.title()).toBe('Tracked issues · Docket');
    await snap(page, '1-home');
    await page.getByRole('link', { name: 'Japan–South Korea export controls' }).click();
    await page.waitForURL(`${web.url}/issues/${slug}`);
    expect(await page.locator('#issue-title').textContent()).toBe('Japan–South Korea export controls');

    // The browser script added the due moment in the reader's own zone, and offered that zone.
    const block = page.locator('.deadline .due-block').first();
    expect(await block.locator('.your-time').isVisible()).toBe(true);
    expect(await block.locator('.due-when').textContent()).toBe('Sun 31 May, 10:59 EDT');
    const zone = page.getByLabel('Your time zone');
    expect(await zone.inputValue()).toBe('America/New_York');
    // The stylesheet was allowed by the CSP and applied (the button's brand blue).
    expect(await page.evaluate(`getComputedStyle(document.getElementById('subscribe-button')).backgroundColor`)).toBe('rgb(11, 79, 191)');
    await snap(page, '2-issue');

    // 2. The form, filled in like a person would.
    await page.getByLabel('Email address').click();
    await page.keyboard.type('Reader@Example.com');
    await zone.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Europe/Berlin');
    await page.getByLabel('Each alert as it happens').check();
    expect(await page.getByLabel('The whole issue (all its deadlines, new ones too)').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(`${web.url}/issues/${slug}/subscribe`);
    expect(await page.locator('#check-inbox-title').textContent()).toBe('Check your inbox');
    expect(await page.locator('#check-inbox-email').textContent()).toBe('reader@example.com');
    await snap(page, '3-check-inbox');
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: 'reader@example.com' } });
    expect(subscriber).toMatchObject({ zone: 'Europe/Berlin', delivery: 'immediate', confirmedAt: null });

    // 3. The confirmation email, and its link opened in the browser: a page with a button.
    await deliverConfirmations('2020-05-12T10:00:00Z');
    const [confirmation, ...extra] = mailTo('reader@example.com');
    expect(extra).toEqual([]);
    expect(confirmation!.parsed.subject).toBe('Confirm your Docket subscription: Japan–South Korea export controls');
    web.clock.set('2020-05-12T10:20:00Z');
    await page.goto(linkIn(confirmation!, `${web.url}/confirm/`));
    expect(await page.locator('#confirm-title').textContent()).toBe('Confirm your subscription');
    expect(await page.locator('#confirm-what').textContent()).toBe('Japan–South Korea export controls');
    await snap(page, '4-confirm');
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).confirmedAt).toBeNull();
    await page.getByRole('button', { name: 'Confirm subscription' }).click();
    await page.waitForSelector('#confirmed-title');
    expect(await page.locator('#confirmed-title').textContent()).toBe('You are subscribed');
    await snap(page, '5-confirmed');
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ confirmedAt: new Date('2020-05-12T10:20:00Z') });

    // 4. The manage page from the confirmation: it lists what the reader follows.
    await page.getByRole('link', { name: 'Manage your subscriptions' }).click();
    await page.waitForSelector('#manage-title');
    expect(await page.locator('#manage-email').textContent()).toBe('reader@example.com');
    expect(await page.locator('#subscription-list li a').allTextContents()).toEqual(['Japan–South Korea export controls']);
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    await snap(page, '6-manage');

    // 5. "Due in 1 day" at 09:00 in Berlin on 30 May (07:00 UTC). The 7-day reminder of 24 May was
    //    missed (no tick ran since): the default catch-up sends only the latest.
    //    First the welcome email, at the next tick: where the issue stands and what will come, in Berlin time.
    await h.tick('2020-05-12T10:25:00Z');
    expect(mailTo('reader@example.com')).toHaveLength(2);
    const welcome = mailTo('reader@example.com')[1]!;
    expect(welcome.parsed.subject).toBe('You now follow Japan–South Korea export controls: next due Sun 31 May, 16:59 CEST');
    expect(welcome.parsed.text).toContain('Next deadline: Japan\'s position on withdrawing the export controls');
    expect(welcome.parsed.text).toContain('- Sun 24 May, 09:00 CEST · Due in 7 days');
    expect(welcome.parsed.text).toContain('- Sat 30 May, 09:00 CEST · Due in 1 day');
    expect(rawHeader(welcome, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    await h.tick('2020-05-30T07:00:00Z');
    const reminders = mailTo('reader@example.com').slice(2);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.parsed.subject).toMatch(/^Due in 1 day: Japan's position on withdrawing the export controls — Sun 31 May 2020$/);
    const reminder = reminders[0]!;
    expect(reminder.parsed.text).toContain('16:59 CEST');
    expect(rawHeader(reminder, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const oneClickUrl = /^<([^>]+)>$/.exec(rawHeader(reminder, 'List-Unsubscribe') ?? '')?.[1];
    expect(oneClickUrl?.startsWith(`${web.url}/unsubscribe/`)).toBe(true);

    // 6. The mail client's one-click unsubscribe: a bare POST, no cookie, no CSRF token.
    web.clock.set('2020-05-30T07:30:00Z');
    const oneClick = await fetch(oneClickUrl!, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect(await db.subscription.count({ where: { subscriberId: subscriber.id } })).toBe(0);

    // 7. The footer link in the browser, after the one-click: it says it is already done. Subscribed
    //    again (by an admin here), the same link asks first and a button does it.
    const footerUrl = linkIn(reminder, `${web.url}/unsubscribe/`);
    await page.goto(footerUrl);
    expect(await page.locator('#unsubscribed-title').textContent()).toBe('Already done: you are unsubscribed');
    const issueRow = await db.trackedIssue.findUniqueOrThrow({ where: { slug } });
    await db.subscription.create({ data: { subscriberId: subscriber.id, issueId: issueRow.id, scope: 'issue', createdAt: new Date('2020-05-30T07:30:00Z') } });
    await page.goto(footerUrl);
    expect(await page.locator('#unsubscribe-title').textContent()).toBe('Unsubscribe');
    expect(await page.locator('#unsubscribe-email').textContent()).toBe('reader@example.com');
    await snap(page, '7-unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe from all Docket emails' }).click();
    await page.waitForSelector('#unsubscribed-title');
    expect(await page.locator('#unsubscribed-title').textContent()).toBe('You are unsubscribed');
    await snap(page, '8-unsubscribed');

    // 8. Nothing more: not "Due today", not "Overdue".
    for (const at of ['2020-05-31T07:00:00Z', '2020-06-01T07:00:00Z', '2020-06-08T07:00:00Z']) await h.tick(at);
    expect(mailTo('reader@example.com')).toHaveLength(3);

    // Every page fits a phone (no sideways scrolling), and the console stayed clean under the CSP.
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((name) => [name, 0])));
    expect(problems.list).toEqual([]);
  });

  it('subscribes with JavaScript turned off: the zone stays the server default until typed over', async () => {
    const db = ctx.store.db;
    web.clock.set('2020-05-13T02:00:00Z');
    const { page, problems } = await newContext({ javaScriptEnabled: false, timezoneId: 'America/New_York' });
    await page.goto(`${web.url}/issues/${slug}`);
    const zone = page.getByLabel('Your time zone');
    expect(await zone.inputValue()).toBe('UTC');
    expect(await page.locator('.deadline .your-time').first().isVisible()).toBe(false);
    await snapshot(page, `${ctx.provider}-nojs`, 'issue');

    await page.getByLabel('Email address').click();
    await page.keyboard.type('no-script@example.com');
    await zone.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Asia/Tokyo');
    await page.getByLabel('One daily digest').check();
    await page.getByLabel(`Only this deadline: ${deadlineTitle}`).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForSelector('#check-inbox-title');
    expect(await page.locator('#check-inbox-email').textContent()).toBe('no-script@example.com');

    await deliverConfirmations('2020-05-13T02:00:00Z');
    const [confirmation] = mailTo('no-script@example.com');
    expect(confirmation!.parsed.subject).toBe(`Confirm your Docket subscription: ${deadlineTitle}`);
    await page.goto(linkIn(confirmation!, `${web.url}/confirm/`));
    await page.getByRole('button', { name: 'Confirm subscription' }).click();
    await page.waitForSelector('#confirmed-title');

    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email: 'no-script@example.com' }, include: { subscriptions: true } });
    expect(subscriber).toMatchObject({ zone: 'Asia/Tokyo', delivery: 'daily', confirmedAt: new Date('2020-05-13T02:00:00Z') });
    expect(subscriber.subscriptions).toEqual([expect.objectContaining({ scope: expect.stringMatching(/^deadline:\d+$/) })]);
    expect(problems.list).toEqual([]);
  });

  it('would have noticed a CSP violation: an inline script is refused and reported in the console', async () => {
    const { page, problems } = await newContext({});
    await page.goto(`${web.url}/`);
    await page.addScriptTag({ content: 'document.title = "injected"' }).catch(() => undefined);
    await page.waitForTimeout(100);
    expect(await page.title()).toBe('Tracked issues · Docket');
    expect(problems.list).toEqual([expect.stringMatching(/^\/: console error: .*Content Security Policy/)]);
  });
});
