// The manage page's choices in Chromium, on both stores: tick weekly, pick Friday, untick 7 days and
// overdue, save; the store holds it and the page shows it back, with no sideways scroll on a phone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/tokens.js';
import { testSecret } from '../support/engine-harness.js';
import { describeStores } from '../support/test-stores.js';
import { announcedAt, seedCanonical } from '../web/support/web-app.js';
import { launchChromium, snapshot, startBrowserApp, watchConsole, type BrowserApp } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describeStores('manage page choices in a browser', (ctx) => {
  let web: BrowserApp;
  beforeAll(async () => {
    web = await startBrowserApp(ctx.store);
  });
  afterAll(() => web?.close());

  it('saves weekly on Friday with 1 day and due-day reminders only, from the check boxes', async () => {
    const db = ctx.store.db;
    web.clock.set('2020-05-13T00:00:00Z');
    const { issue } = await seedCanonical(ctx.store, { slug: `choices-${ctx.provider}` });
    const subscriber = await db.subscriber.create({ data: { email: `boxes-${ctx.provider}@example.com`, zone: 'Asia/Seoul', confirmedAt: announcedAt, createdAt: announcedAt, updatedAt: announcedAt } });
    await db.subscription.create({ data: { subscriberId: subscriber.id, issueId: issue.id, scope: 'issue', createdAt: announcedAt } });
    const token = signToken(testSecret, { purpose: 'manage', subscriberId: subscriber.id, linkKey: subscriber.linkKey });
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const problems = watchConsole(context);
    const page = await context.newPage();
    await page.goto(`${web.url}/manage/${token}`);
    for (const name of ['7d', '1d', 'due', 'overdue']) expect(await page.isChecked(`#reminder-${name}`)).toBe(true);
    await page.check('#delivery-weekly');
    await page.selectOption('#manage-weekday', 'fri');
    await page.uncheck('#reminder-7d');
    await page.uncheck('#reminder-overdue');
    // Labels are clickable: the text "On the due day" toggles its box.
    await page.click('label[for="reminder-due"]');
    expect(await page.isChecked('#reminder-due')).toBe(false);
    await page.click('label[for="reminder-due"]');
    await page.click('#save-preferences');
    await page.waitForSelector('#manage-notice');
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ delivery: 'weekly', weekday: 'fri', remindersJson: '["1d","due"]' });
    expect(await page.isChecked('#delivery-weekly')).toBe(true);
    expect(await page.inputValue('#manage-weekday')).toBe('fri');
    expect(await Promise.all(['7d', '1d', 'due', 'overdue'].map((name) => page.isChecked(`#reminder-${name}`)))).toEqual([false, true, true, false]);
    expect((await snapshot(page, `manage-choices-${ctx.provider}`, 'saved')).phoneOverflowPx).toBe(0);
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
