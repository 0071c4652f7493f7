// `docket subscriber rotate-links <email>`: a new link key for one person, their other data untouched;
// an unknown or malformed address exits 2 naming the value and changes nothing.
import { beforeAll, expect, it } from 'vitest';
import { addSubscriber } from '../../src/usecases/manage-subscribers.js';
import { ensureBuilt, runCli } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

describeStores('docket subscriber rotate-links', (ctx) => {
  it('replaces one subscriber\'s link key and nobody else\'s', async () => {
    const write = { db: ctx.store.db, now: new Date('2020-05-12T10:00:00Z'), actor: 'seed' };
    const rotated = await addSubscriber(write, { email: 'leaked@example.org' }, { defaultZone: 'UTC' });
    const other = await addSubscriber(write, { email: 'other@example.org' }, { defaultZone: 'UTC' });
    const run = (args: string[]) => runCli(['subscriber', 'rotate-links', ...args], { databaseUrl: ctx.url, now: '2020-05-13T10:00:00Z' });

    const ok = await run(['Leaked@Example.org']);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('New link key for leaked@example.org');
    const after = await ctx.store.db.subscriber.findUniqueOrThrow({ where: { id: rotated.id } });
    expect(after.linkKey).not.toBe(rotated.linkKey);
    expect(after).toMatchObject({ email: rotated.email, zone: rotated.zone, delivery: rotated.delivery });
    expect((await ctx.store.db.subscriber.findUniqueOrThrow({ where: { id: other.id } })).linkKey).toBe(other.linkKey);

    for (const bad of ['nobody@example.org', 'not-an-address']) {
      const res = await run([bad]);
      expect(res.code, bad).toBe(2);
      expect(res.stderr).toContain(bad);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
