// Sent marks are gathered into few writes; they must still land on exactly the rows this sender owns.
import { beforeEach, expect, it } from 'vitest';
import { claimDueAlerts } from '../../src/engine/claim-alerts.js';
import { createSentMarker } from '../../src/engine/mark-sent.js';
import { planDue } from '../../src/engine/plan-due.js';
import { messageIdFor } from '../../src/mail/email-parts.js';
import { testSettings } from '../support/engine-harness.js';
import { clearStore, makeDeadline, makeFollowers, makeIssue } from '../support/factories.js';
import { describeStores } from '../support/test-stores.js';

// Canonical deadline, end of 31 May 2020 in Seoul: its 7-day reminders are due at 00:00Z on 24 May.
const sevenDaysBefore = new Date('2020-05-24T00:00:00Z');
const settings = testSettings();
const leaseMs = settings.leaseMs;

describeStores('marking sent alerts', (ctx) => {
  beforeEach(() => clearStore(ctx.store.db));

  async function claimSeven(followers: number, at = sevenDaysBefore) {
    const db = ctx.store.db;
    const issue = await makeIssue(db);
    await makeDeadline(db, issue.id, { notify: false });
    await makeFollowers(db, issue.id, followers);
    await planDue(db, new Date('2020-05-20T00:00:00Z'), settings);
    await planDue(db, sevenDaysBefore, settings); // the 7-day reminders' moment: their rows are made
    return claimDueAlerts(db, at, { batchSize: 500, leaseMs });
  }

  it('writes every mark, including those that arrive during a write, with each alert\'s own Message-ID', async () => {
    const db = ctx.store.db;
    const claimed = await claimSeven(130);
    expect(claimed).toHaveLength(130);
    const marker = createSentMarker(db, sevenDaysBefore);
    // Marks arrive over time, as SMTP replies do; some land while a write is running.
    for (const [index, alert] of claimed.entries()) {
      marker.mark({ id: alert.id, claimToken: alert.claimToken, messageId: messageIdFor(alert.key, 'docket.test') });
      if (index % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await marker.flush();
    const rows = await db.alert.findMany({ where: { id: { in: claimed.map((alert) => alert.id) } }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.status, row.claimToken, row.leaseUntil, row.sentAt?.toISOString(), row.messageId])).toEqual(
      claimed.map((alert) => ['sent', null, null, sevenDaysBefore.toISOString(), messageIdFor(alert.key, 'docket.test')]),
    );
  });

  it('leaves alone a claim that expired and was taken over by another sender', async () => {
    const db = ctx.store.db;
    const mine = await claimSeven(3);
    // My lease runs out; another sender claims the same rows.
    const theirs = await claimDueAlerts(db, new Date(sevenDaysBefore.getTime() + leaseMs + 1), { batchSize: 500, leaseMs });
    expect(theirs.map((alert) => alert.id)).toEqual(mine.map((alert) => alert.id));
    const marker = createSentMarker(db, sevenDaysBefore);
    for (const alert of mine) marker.mark({ id: alert.id, claimToken: alert.claimToken, messageId: 'mine' });
    await marker.flush();
    const rows = await db.alert.findMany({ where: { id: { in: mine.map((alert) => alert.id) } }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.status, row.claimToken, row.messageId])).toEqual(theirs.map((alert) => ['sending', alert.claimToken, null]));
  });
});
