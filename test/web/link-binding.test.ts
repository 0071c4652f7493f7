// Tokens bound to the subscriber's link key (or address): after `docket export` → `docket import` into a
// new store, ids are handed out again, and an old email's link must never open another person's page.
// Rotating the link key revokes key-bound links; links from before link keys work only on their old row.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { footerLinks } from '../../src/mail/email-parts.js';
import { signToken } from '../../src/tokens.js';
import type { Store } from '../../src/store/open-store.js';
import { exportDocument } from '../../src/usecases/export-records.js';
import { importRecords, parseImportFile } from '../../src/usecases/import/import-records.js';
import { rotateLinksByEmail } from '../../src/usecases/link-keys.js';
import { testSecret } from '../support/engine-harness.js';
import { createTestDatabase, describeStores, type TestDatabase } from '../support/test-stores.js';
import { seedCanonical, testApp, textOf, type TestApp } from './support/web-app.js';

describeStores('links bound to their row', (ctx) => {
  let t: TestApp;
  let moved: TestDatabase;
  let movedStore: Store;
  let m: TestApp;
  beforeAll(async () => {
    t = await testApp(ctx.store);
    moved = await createTestDatabase(ctx.provider);
    movedStore = await moved.open();
    m = await testApp(movedStore);
  });
  afterAll(async () => {
    await t.app.close();
    await m.app.close();
    await movedStore.close();
    await moved.drop();
  });

  const now = new Date('2020-05-12T10:00:00Z');
  async function follower(db: Store['db'], email: string, issueId: number) {
    const row = await db.subscriber.create({ data: { email, zone: 'UTC', confirmedAt: now, createdAt: now, updatedAt: now } });
    await db.subscription.create({ data: { subscriberId: row.id, issueId, scope: 'issue', createdAt: now } });
    return row;
  }

  it('refuses an old link after export → import into a new store, where its id now names someone else', async () => {
    const { issue } = await seedCanonical(ctx.store, { slug: `bound-${ctx.provider}` });
    const alice = await follower(ctx.store.db, 'alice@example.org', issue.id);
    // Links as an email carries them (bound to the address) and as the web pages make them (the key).
    const mail = footerLinks({ id: alice.id, email: alice.email, zone: 'UTC' }, { links: { baseUrl: 'http://docket.test' }, secret: testSecret, now, from: 'x', host: 'docket.test' });
    const byKey = `/manage/${signToken(testSecret, { purpose: 'manage', subscriberId: alice.id, linkKey: alice.linkKey })}`;
    const fromMail = new URL(mail.manage).pathname;
    for (const path of [byKey, fromMail]) {
      const ok = await t.app.inject(path);
      expect(ok.statusCode, path).toBe(200);
      expect(textOf(ok.body, 'manage-email')).toBe('alice@example.org');
    }

    // The documented move, into a store where someone else got alice's old id first.
    const doc = await exportDocument(ctx.store.db, { now });
    const { issue: movedIssue } = await seedCanonical(movedStore, { slug: `other-${ctx.provider}` });
    const mallory = await follower(movedStore.db, 'mallory@example.org', movedIssue.id);
    for (let id = mallory.id; id < alice.id; id++) await follower(movedStore.db, `filler${id}@example.org`, movedIssue.id);
    const target = await movedStore.db.subscriber.findUniqueOrThrow({ where: { id: alice.id } });
    expect(target.email).not.toBe('alice@example.org');
    await importRecords({ db: movedStore.db, now, actor: 'test' }, parseImportFile(JSON.stringify(doc), 'docket.json'), { source: 'docket.json', defaultZone: 'UTC' });
    expect(await movedStore.db.subscriber.count({ where: { email: 'alice@example.org' } })).toBe(1);

    for (const path of [byKey, fromMail, new URL(mail.unsubscribe).pathname]) {
      const res = await m.app.inject(path);
      expect(res.statusCode, path).toBe(403);
      expect(res.body).not.toContain(target.email);
    }
    const oneClick = await m.app.inject({ method: 'POST', url: new URL(mail.unsubscribe).pathname, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.statusCode).toBe(403);
    expect(await movedStore.db.subscription.count({ where: { subscriberId: target.id } })).toBe(1);
  });

  it('revokes key-bound links with rotate-links, and takes links from before link keys only on their old row', async () => {
    const { issue } = await seedCanonical(ctx.store, { slug: `rotate-${ctx.provider}` });
    const bob = await follower(ctx.store.db, 'bob@example.org', issue.id);
    const link = `/manage/${signToken(testSecret, { purpose: 'manage', subscriberId: bob.id, linkKey: bob.linkKey })}`;
    expect((await t.app.inject(link)).statusCode).toBe(200);
    await rotateLinksByEmail(ctx.store.db, 'Bob@Example.org', now);
    expect((await t.app.inject(link)).statusCode).toBe(403);

    // A token with no binding at all, as emails carried before link keys existed.
    const bare = `/manage/${signToken(testSecret, { purpose: 'manage', subscriberId: bob.id })}`;
    expect((await t.app.inject(bare)).statusCode).toBe(403);
    await ctx.store.db.subscriber.update({ where: { id: bob.id }, data: { linkKey: 'legacy-0123456789abcdef' } }); // as the migration marks old rows
    expect((await t.app.inject(bare)).statusCode).toBe(200);
    await rotateLinksByEmail(ctx.store.db, 'bob@example.org', now);
    expect((await t.app.inject(bare)).statusCode).toBe(403);
  });
});
