// The manage page's weekly digest, weekday and reminder check boxes: shown as stored, saved by a real
// form post (one field per ticked box), none ticked = no reminders, a bad weekday refused with the page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/tokens.js';
import { testSecret } from '../support/engine-harness.js';
import { describeStores } from '../support/test-stores.js';
import { announcedAt, openForm, postForm, seedCanonical, testApp, textOf, type TestApp } from './support/web-app.js';

describeStores('manage page: weekly digest and reminder choices', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  it('shows, saves and clears the choices', async () => {
    const db = ctx.store.db;
    const { issue, deadline } = await seedCanonical(ctx.store);
    const subscriber = await db.subscriber.create({ data: { email: 'choices@example.com', zone: 'Asia/Seoul', confirmedAt: announcedAt, createdAt: announcedAt, updatedAt: announcedAt } });
    await db.subscription.create({ data: { subscriberId: subscriber.id, issueId: issue.id, scope: 'issue', createdAt: announcedAt } });
    const url = `/manage/${signToken(testSecret, { purpose: 'manage', subscriberId: subscriber.id, linkKey: subscriber.linkKey })}`;
    const { response, session } = await openForm(t.app, url);
    expect(response.statusCode).toBe(200);
    // Everything on at first; Monday preselected for the weekly digest.
    for (const name of ['7d', '1d', 'due', 'overdue']) expect(response.body).toMatch(new RegExp(`id="reminder-${name}" name="reminders" value="${name}" checked`));
    expect(response.body).toContain('<option value="mon" selected>Monday</option>');
    expect(response.body).toContain('id="delivery-weekly" name="delivery" value="weekly">');

    const saved = await postForm(t.app, url, { zone: 'Asia/Seoul', delivery: 'weekly', weekday: 'fri', remindersShown: '1', reminders: ['1d', 'due'], action: 'save' }, session);
    expect(saved.statusCode).toBe(200);
    expect(textOf(saved.body, 'manage-notice')).toBe('Your preferences are saved. They apply to every reminder not yet sent.');
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ delivery: 'weekly', weekday: 'fri', remindersJson: '["1d","due"]' });
    expect(saved.body).toContain('id="delivery-weekly" name="delivery" value="weekly" checked>');
    expect(saved.body).toContain('<option value="fri" selected>Friday</option>');
    expect(saved.body).toMatch(/id="reminder-7d" name="reminders" value="7d">/);
    expect(saved.body).toMatch(/id="reminder-due" name="reminders" value="due" checked>/);
    // For a digest reader the next email is the digest that will carry the item: the notice of the new
    // deadline (12 May) rides in Friday's weekly digest.
    expect(textOf(saved.body, `next-send-${(await db.subscription.findFirstOrThrow({ where: { subscriberId: subscriber.id } })).id}-${deadline.id}`)).toMatch(/next email Fri 15 May, 09:00 UTC\+9 \(Update, in your weekly digest\)$/);

    // A lone ticked box arrives as one string; no box ticked means no reminders (notices still come).
    await postForm(t.app, url, { zone: 'Asia/Seoul', delivery: 'weekly', weekday: 'fri', remindersShown: '1', reminders: 'overdue', action: 'save' }, session);
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).remindersJson).toBe('["overdue"]');
    await postForm(t.app, url, { zone: 'Asia/Seoul', delivery: 'daily', weekday: 'fri', remindersShown: '1', action: 'save' }, session);
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ delivery: 'daily', remindersJson: '[]' });

    // A forged weekday or reminder name: 400 with the page and its message, nothing saved.
    const before = await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } });
    const wrongDay = await postForm(t.app, url, { zone: 'Asia/Seoul', delivery: 'weekly', weekday: 'funday', remindersShown: '1', reminders: ['7d'], action: 'save' }, session);
    expect(wrongDay.statusCode).toBe(400);
    expect(textOf(wrongDay.body, 'manage-error')).toBe('weekday &quot;funday&quot; must be one of mon, tue, wed, thu, fri, sat, sun');
    const wrongName = await postForm(t.app, url, { zone: 'Asia/Seoul', delivery: 'weekly', weekday: 'mon', remindersShown: '1', reminders: ['7d', 'weekly'], action: 'save' }, session);
    expect(wrongName.statusCode).toBe(400);
    expect(textOf(wrongName.body, 'manage-error')).toContain('reminders &quot;7d,weekly&quot; has &quot;weekly&quot;, which is not a reminder');
    expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toEqual(before);
  });
});
