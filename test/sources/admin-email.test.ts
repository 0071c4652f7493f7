// The admin email about watched sources: at most one an hour to DOCKET_ADMIN_EMAIL, listing new candidates
// with their evidence and accept command, and feeds failing for 24 h (once); through a real SMTP server in
// this process, on both stores. Nothing is marked told when the server refused the message.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createMailer, type Mailer } from '../../src/mail/transport.js';
import { notifyAdmin } from '../../src/sources/notify-admin.js';
import { pollSource } from '../../src/sources/poll-source.js';
import { addSource } from '../../src/usecases/manage-sources.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';
import { feed, fixture, startFeedServer, status, type FeedServer } from './support/feed-server.js';

const now = new Date('2020-05-13T03:00:00Z');
const hour = 3_600_000;
let sink: SmtpSink;
let server: FeedServer;
let mailer: Mailer;
beforeAll(async () => {
  sink = await startSmtpSink({ parse: true });
  server = await startFeedServer();
  server.serve('/ja.atom', feed(() => fixture('kyodo-economy-ja.atom.xml', server.base), 'application/atom+xml'));
  server.serve('/ko.json', feed(() => fixture('yonhap-economy-ko.json', server.base), 'application/feed+json'));
  server.serve('/down.xml', status(503));
  const config = loadConfig({ env: { DATABASE_URL: 'file:unused.db', SMTP_URL: sink.url, MAIL_FROM: 'Docket <docket@docket.test>', DOCKET_SMTP_POOL: 'false' } });
  mailer = createMailer(config.mail);
});
afterAll(async () => {
  mailer?.close();
  await sink?.close();
  await server?.close();
});

describeStores('admin email about sources', (ctx) => {
  const write = (at = now) => ({ db: ctx.store.db, now: at, actor: 'test' });
  const tell = (at: Date) => notifyAdmin(ctx.store.db, mailer, { now: at, to: 'admin@docket.test', from: 'Docket <docket@docket.test>' });
  beforeEach(async () => {
    sink.mode = 'accept';
    sink.messages.length = 0;
    await ctx.store.db.inboxItem.deleteMany();
    await ctx.store.db.source.deleteMany();
    await ctx.store.db.meta.deleteMany({ where: { key: 'sourcesAdminMailAt' } });
  });

  it('one email an hour at most, each candidate in one email, with its evidence and the accept command', async () => {
    const ja = await addSource(write(), { url: server.url('/ja.atom'), keywords: '輸出管理' });
    const [first] = (await pollSource(ctx.store.db, ja, { now, defaultZone: 'UTC' })).added;
    expect(await tell(now)).toEqual({ sent: true, candidates: 1, failing: 0 });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.to).toEqual(['admin@docket.test']);
    expect(mail.parsed.subject).toBe('Docket: 1 new deadline candidate(s) to review');
    expect(mail.parsed.text).toContain('Evidence: 韓国産業通商資源省は12日、日本政府に対し、輸出規制の撤回について今月末までに具体的な立場を示すよう求めた。');
    expect(mail.parsed.text).toContain(`Accept: docket inbox accept ${first} --issue SLUG`);
    // The due moment as a person reads it, in the demanding government's zone, with how far off it is.
    expect(mail.parsed.text).toMatch(/Due Sun 31 May 2020, end of day, Asia\/(Tokyo|Seoul) \(in \d+ days\)/);

    // A new candidate ten minutes later waits for the hour; nothing is sent twice.
    const ko = await addSource(write(), { url: server.url('/ko.json'), keywords: '수출규제' });
    const [second] = (await pollSource(ctx.store.db, ko, { now: new Date(now.getTime() + 600_000), defaultZone: 'UTC' })).added;
    expect(await tell(new Date(now.getTime() + 600_000))).toMatchObject({ sent: false });
    expect(await tell(new Date(now.getTime() + hour))).toEqual({ sent: true, candidates: 1, failing: 0 });
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages[1]!.parsed.text).toContain(`#${second} `);
    expect(sink.messages[1]!.parsed.text).not.toContain(`#${first} `);
    expect(await tell(new Date(now.getTime() + 3 * hour))).toMatchObject({ sent: false });
  });

  it('a feed failing for 24 hours is reported once; a refused email marks nothing and is sent at the next chance', async () => {
    const down = await addSource(write(), { url: server.url('/down.xml') });
    await pollSource(ctx.store.db, down, { now, defaultZone: 'UTC' });
    expect(await tell(new Date(now.getTime() + 23 * hour))).toMatchObject({ sent: false });
    sink.mode = 'permanent';
    await expect(tell(new Date(now.getTime() + 25 * hour))).rejects.toThrow();
    expect((await ctx.store.db.source.findUniqueOrThrow({ where: { id: down.id } })).failureReportedAt).toBeNull();
    sink.mode = 'accept';
    expect(await tell(new Date(now.getTime() + 25 * hour + 60_000))).toEqual({ sent: true, candidates: 0, failing: 1 });
    const text = sink.messages.at(-1)!.parsed.text ?? '';
    expect(text).toContain(`source ${down.id} 127.0.0.1:${new URL(server.base).port} (${server.url('/down.xml')}): answered HTTP 503 Service Unavailable — since 2020-05-13T03:00:00.000Z, 1 poll(s) in a row`);
    expect(await tell(new Date(now.getTime() + 30 * hour))).toMatchObject({ sent: false });
  });
});
