// The confirmation email as the engine will load it for a 'confirm' alert: who asked for what, a signed
// link that expires 48 hours after the request, and the cases where nothing should be sent.
import { beforeAll, expect, it } from 'vitest';
import { confirmTtlMs, loadConfirmEmail } from '../../src/engine/confirm-alerts.js';
import { verifyToken } from '../../src/tokens.js';
import { testSecret } from '../support/engine-harness.js';
import { describeStores } from '../support/test-stores.js';
import { announcedAt, seedCanonical } from './support/web-app.js';

const sendAt = new Date('2020-05-12T10:00:00Z');
const ctx = (now = sendAt) => ({ links: { baseUrl: 'http://docket.test' }, secret: testSecret, now, from: 'Docket <docket@docket.test>', host: 'docket.test', confirmTtlMs });

describeStores('confirmation emails', (store) => {
  let issueId: number;
  let deadlineId: number;
  let subscriberId: number;
  beforeAll(async () => {
    const seeded = await seedCanonical(store.store, { title: 'Export controls <b>now</b>' });
    issueId = seeded.issue.id;
    deadlineId = seeded.deadline.id;
    const subscriber = await store.store.db.subscriber.create({ data: { email: 'asker@example.com', zone: 'Asia/Seoul', createdAt: announcedAt, updatedAt: announcedAt } });
    subscriberId = subscriber.id;
  });

  const alert = (milestone: string, id = subscriberId) => ({ key: `c:${id}:${milestone.slice(8)}:${sendAt.getTime()}`, milestone, subscriberId: id, sendAt });

  it('says who asked for what, links a signed confirm URL valid for 48 hours, and says ignoring it is safe', async () => {
    const loaded = await loadConfirmEmail(store.store.db, alert(`confirm:issue:${issueId}`), ctx());
    if (!('email' in loaded)) throw new Error(loaded.skip);
    expect(loaded.to).toBe('asker@example.com');
    const { email } = loaded;
    expect(email.subject).toBe('Confirm your Docket subscription: Export controls <b>now</b>');
    expect(email.headers).not.toHaveProperty('List-Unsubscribe');
    expect(email.attachments).toEqual([]);
    expect(email.text).toContain('asked Docket to email asker@example.com about\nthe issue "Export controls <b>now</b>" and all of its deadlines.');
    expect(email.text).toContain('The link works until Thu 14 May 2020, 19:00 UTC+9 (Asia/Seoul).');
    expect(email.text).toContain('If you did not ask for this, ignore this email');
    expect(email.html).toContain('Export controls &lt;b&gt;now&lt;/b&gt;');
    expect(email.html).not.toContain('<b>now</b>');
    const token = /http:\/\/docket\.test\/confirm\/([\w.-]+)/.exec(email.text)![1]!;
    expect(email.html).toContain(`href="http://docket.test/confirm/${token}"`);
    expect(verifyToken(testSecret, token, { purpose: 'confirm', now: sendAt })).toEqual({ subscriberId, scope: `issue:${issueId}`, expiresAt: Math.floor((sendAt.getTime() + confirmTtlMs) / 1000) });
    expect(() => verifyToken(testSecret, token, { purpose: 'confirm', now: new Date(sendAt.getTime() + confirmTtlMs) })).toThrow(/expired/);
    // Rendering again (a retry after a crash) gives the same message.
    const again = await loadConfirmEmail(store.store.db, alert(`confirm:issue:${issueId}`), ctx(new Date(sendAt.getTime() + 60_000)));
    expect('email' in again && again.email.messageId).toBe(email.messageId);
    expect('email' in again && again.email.text).toBe(email.text);
  });

  it('names the deadline for a single-deadline request', async () => {
    const loaded = await loadConfirmEmail(store.store.db, alert(`confirm:deadline:${deadlineId}`), ctx());
    if (!('email' in loaded)) throw new Error(loaded.skip);
    expect(loaded.email.subject).toBe("Confirm your Docket subscription: Japan's position on withdrawing the export controls");
    expect(loaded.email.text).toContain(`the deadline "Japan's position on withdrawing the export controls" (issue: Export controls <b>now</b>).`);
  });

  it('sends nothing when it would be pointless or wrong', async () => {
    const db = store.store.db;
    const skip = async (a: ReturnType<typeof alert>, now = sendAt) => {
      const loaded = await loadConfirmEmail(db, a, ctx(now));
      return 'skip' in loaded ? loaded.skip : 'sent';
    };
    expect(await skip(alert('confirm:everything'))).toMatch(/not a confirmation milestone/);
    expect(await skip(alert('digest'))).toMatch(/not a confirmation milestone/);
    expect(await skip(alert(`confirm:issue:${issueId}`), new Date(sendAt.getTime() + confirmTtlMs))).toMatch(/expired/);
    expect(await skip(alert(`confirm:issue:${issueId}`, 999_999))).toBe('subscriber is gone');
    expect(await skip(alert('confirm:issue:999999'))).toBe('the issue no longer exists');
    expect(await skip(alert('confirm:deadline:999999'))).toBe('the deadline no longer exists');
    // Confirmed and already following exactly this.
    const follower = await db.subscriber.create({ data: { email: 'already@example.com', zone: 'UTC', confirmedAt: announcedAt, createdAt: announcedAt, updatedAt: announcedAt } });
    await db.subscription.create({ data: { subscriberId: follower.id, issueId, scope: 'issue', createdAt: announcedAt } });
    expect(await skip(alert(`confirm:issue:${issueId}`, follower.id))).toBe('already subscribed');
    expect(await skip(alert(`confirm:deadline:${deadlineId}`, follower.id))).toBe('sent');
  });
});
