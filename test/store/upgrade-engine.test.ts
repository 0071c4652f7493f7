// Upgrading a store made by the engine that planned reminders ahead (schema before migration
// 20261201230000): the old rows are honoured or replaced, nothing is sent twice, nothing owed is dropped,
// and a zone change the old plan missed takes effect. On both stores, from a database built by the old
// migrations alone.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { migrationsDir } from '../../src/store/migrations.js';
import { openStore, type Provider, type Store } from '../../src/store/open-store.js';
import { insertRows } from '../../bench/alerts/seed-world.js';
import { every, harness, label, replay } from '../support/engine-harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { adminPostgresUrl, providers } from '../support/test-stores.js';

const upgrade = '20261201230000_reminders_decided_when_due';

/** An empty database with the migrations before `upgrade` applied, and a way to apply that one. */
async function oldDatabase(provider: Provider): Promise<{ url: string; run(sql: string): Promise<void>; drop(): Promise<void> }> {
  const dir = migrationsDir(provider === 'sqlite' ? 'file:x' : 'postgresql://x');
  const before = readdirSync(dir).filter((name) => /^\d{14}_/.test(name) && name < upgrade).sort();
  if (provider === 'sqlite') {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'docket-upgrade-'));
    const file = path.join(folder, 'docket.db');
    const run = async (sql: string) => {
      const db = new Database(file);
      db.exec(sql);
      db.close();
    };
    for (const name of before) await run(readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
    return { url: `file:${file}`, run, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `docket_upgrade_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminPostgresUrl);
  url.pathname = `/${name}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  for (const migration of before) await run(readFileSync(path.join(dir, migration, 'migration.sql'), 'utf8'));
  return {
    url: url.toString(),
    run,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminPostgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const d = (iso: string) => new Date(iso);
const dueAt = d('2020-05-31T14:59:59.999Z'); // end of 31 May in Seoul

/** What the old engine left on 24 May at 05:00Z: every milestone planned ahead for both followers. */
async function oldWorld(store: Store): Promise<void> {
  const at = d('2020-05-01T00:00:00Z');
  await insertRows(store, 'TrackedIssue', ['id', 'slug', 'title', 'createdAt', 'updatedAt'], [[1, 'japan-korea-export-controls', 'Japan–South Korea export controls', at, at]]);
  await insertRows(store, 'Deadline', ['id', 'issueId', 'title', 'demandedBy', 'demandedOf', 'announcedAt', 'dueAt', 'zone', 'precision', 'expression', 'status', 'revision', 'plannedAt', 'createdAt', 'updatedAt'], [
    [1, 1, "South Korea's request for Japan's position on export controls", 'South Korea', 'Japan', d('2020-05-12T09:38:00Z'), dueAt, 'Asia/Seoul', 'day', 'by the end of this month', 'pending', 0, d('2020-05-20T03:00:00Z'), d('2020-05-12T09:38:00Z'), d('2020-05-12T09:38:00Z')],
  ]);
  await insertRows(store, 'Event', ['id', 'issueId', 'deadlineId', 'kind', 'actor', 'at', 'notify', 'fannedOutAt'], [
    [1, 1, 1, 'deadline.created', 'admin', d('2020-05-12T09:38:00Z'), true, d('2020-05-12T09:39:00Z')],
    [2, 1, null, 'issue.note', 'admin', d('2020-05-24T04:00:00Z'), true, d('2020-05-24T04:01:00Z')],
  ]);
  // Reader 2 moved from New York to Tokyo on the 20th; the old plan kept New York's times for them.
  await insertRows(store, 'Subscriber', ['id', 'email', 'zone', 'delivery', 'confirmedAt', 'createdAt', 'updatedAt'], [
    [1, 'seoul@example.com', 'Asia/Seoul', 'immediate', at, at, at],
    [2, 'moved@example.com', 'Asia/Tokyo', 'immediate', at, at, d('2020-05-20T00:00:00Z')],
  ]);
  await insertRows(store, 'Subscription', ['subscriberId', 'issueId', 'deadlineId', 'scope', 'createdAt'], [[1, 1, null, 'issue', at], [2, 1, null, 'issue', at]]);
  const seoul = { 'before:P7D': '2020-05-24T00:00:00Z', 'before:P1D': '2020-05-30T00:00:00Z', due: '2020-05-31T00:00:00Z', 'overdue:1': '2020-06-01T00:00:00Z' };
  const newYork = { 'before:P7D': '2020-05-24T13:00:00Z', 'before:P1D': '2020-05-30T13:00:00Z', due: '2020-05-31T13:00:00Z', 'overdue:1': '2020-06-01T13:00:00Z' };
  const rows: Array<Array<string | number | Date | null>> = [];
  for (const [subscriber, plan] of [[1, seoul], [2, newYork]] as const) {
    for (const [milestone, when] of Object.entries(plan)) {
      const sent = subscriber === 1 && milestone === 'before:P7D';
      rows.push([`r:${subscriber}:1:0:${milestone}`, subscriber, 1, null, 'reminder', milestone, d(when), sent ? 'sent' : 'scheduled', sent ? 1 : 0, d(when), sent ? d(when) : null, at, at]);
    }
  }
  // Both had the 12 May notice; Seoul's note notice failed once and waits for its retry at 05:30.
  rows.push(['e:1:1', 1, 1, 1, 'event', 'deadline.created', d('2020-05-12T09:38:00Z'), 'sent', 1, d('2020-05-12T09:38:00Z'), d('2020-05-12T09:39:00Z'), at, at]);
  rows.push(['e:2:1', 2, 1, 1, 'event', 'deadline.created', d('2020-05-12T09:38:00Z'), 'sent', 1, d('2020-05-12T09:38:00Z'), d('2020-05-12T09:39:00Z'), at, at]);
  rows.push(['e:1:2', 1, null, 2, 'event', 'issue.note', d('2020-05-24T04:00:00Z'), 'scheduled', 1, d('2020-05-24T05:30:00Z'), null, at, at]);
  rows.push(['e:2:2', 2, null, 2, 'event', 'issue.note', d('2020-05-24T04:00:00Z'), 'sent', 1, d('2020-05-24T04:00:00Z'), d('2020-05-24T04:01:00Z'), at, at]);
  await insertRows(store, 'Alert', ['key', 'subscriberId', 'deadlineId', 'eventId', 'kind', 'milestone', 'sendAt', 'status', 'attempts', 'nextAttemptAt', 'sentAt', 'createdAt', 'updatedAt'], rows);
  await insertRows(store, 'Meta', ['key', 'value', 'updatedAt'], [['lastTickAt', '2020-05-24T04:59:00.000Z', d('2020-05-24T04:59:00Z')]]);
  if (store.provider === 'postgres') {
    for (const table of ['TrackedIssue', 'Deadline', 'Event', 'Subscriber', 'Subscription', 'Alert']) {
      await store.db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
  }
}

for (const provider of providers) {
  describe(`upgrading to reminders decided when due [${provider}]`, () => {
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await startSmtpSink();
    });
    afterAll(() => sink.close());

    it('keeps what was sent and what is retrying, replaces what was planned ahead, and sends nothing twice', async () => {
      const database = await oldDatabase(provider);
      let store = await openStore(database.url);
      try {
        await oldWorld(store);
        await store.close();
        // The upgrade applies this migration and every later one, in order, as `docket db migrate` would.
        const dir = migrationsDir(database.url);
        for (const name of readdirSync(dir).filter((entry) => /^\d{14}_/.test(entry) && entry >= upgrade).sort()) {
          await database.run(readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
        }
        store = await openStore(database.url);
        const db = store.db;
        // Planned-ahead rows are gone; the sent ones and the one retrying stay.
        expect((await db.alert.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((row) => row.key)).toEqual(['e:1:1', 'e:1:2', 'e:2:1', 'e:2:2', 'r:1:1:0:before:P7D']);
        const h = harness(db, sink);
        const got = await replay(h, sink, every('2020-05-24T05:00:00Z', '2020-06-02T00:00:00Z', 1));
        h.mailer.close();
        const seen = (to: string) => got.filter((a) => a.to === to).map((a) => [a.tickAt.slice(0, 16), label(a.subject)]);
        expect(seen('seoul@example.com')).toEqual([
          ['2020-05-24T06:00', expect.stringMatching(/note|update/i)], // the retry, once, at its time
          ['2020-05-30T00:00', 'Due in 1 day'],
          ['2020-05-31T00:00', 'Due today'],
          ['2020-06-01T00:00', 'Overdue, no answer recorded'],
        ]);
        // Tokyo's 7-day morning (00:00Z) had passed while the old plan waited for New York's 13:00Z: sent
        // at the first tick after the upgrade, not late (Docket was running), then Tokyo's mornings.
        expect(seen('moved@example.com')).toEqual([
          ['2020-05-24T05:00', 'Due in 7 days'],
          ['2020-05-30T00:00', 'Due in 1 day'],
          ['2020-05-31T00:00', 'Due today'],
          ['2020-06-01T00:00', 'Overdue, no answer recorded'],
        ]);
        expect(got.find((a) => a.to === 'moved@example.com')!.message.parsed.text).not.toContain('Sent late');
        const ids = got.map((a) => a.message.parsed.messageId);
        expect(new Set(ids).size).toBe(ids.length);
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
