// `docket doctor` names watched feeds that have been failing for 24 hours (both stores).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDoctor } from '../../src/ops/run-doctor.js';
import { pollSource } from '../../src/sources/poll-source.js';
import { addSource } from '../../src/usecases/manage-sources.js';
import { describeStores } from '../support/test-stores.js';
import { startFeedServer, status, type FeedServer } from './support/feed-server.js';

const now = new Date('2020-05-13T03:00:00Z');
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.serve('/gone.xml', status(404));
});
afterAll(() => server?.close());

describeStores('doctor: sources', (ctx) => {
  const sourcesCheck = async (at: Date) => (await runDoctor({ env: { DATABASE_URL: ctx.url }, now: at, timeoutMs: 5_000 })).checks.find((c) => c.name === 'sources');

  it('is ok with no feeds or healthy ones, and warns about a feed failing for 24 hours', async () => {
    expect(await sourcesCheck(now)).toMatchObject({ status: 'ok', detail: 'no watched feeds' });
    const source = await addSource({ db: ctx.store.db, now, actor: 'test' }, { url: server.url('/gone.xml'), name: 'METI news' });
    await pollSource(ctx.store.db, source, { now, defaultZone: 'UTC' });
    expect(await sourcesCheck(new Date(now.getTime() + 3_600_000))).toMatchObject({ status: 'ok', detail: '1 watched feed(s), none failing for 24 h' });
    expect(await sourcesCheck(new Date(now.getTime() + 25 * 3_600_000))).toMatchObject({
      status: 'warn',
      detail: `1 watched feed(s) failing for 24 h or more: source ${source.id} (METI news): answered HTTP 404 Not Found since 2020-05-13T03:00:00.000Z`,
    });
  });
});
