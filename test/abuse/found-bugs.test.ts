// Counterexamples the abuse properties found, kept as plain examples so CI does not depend on the
// generator drawing them again. Each was exit 1 / a 500 (or a scheduler that stopped) before its fix.
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createIssue } from '../../src/usecases/create-issue.js';
import { snapshotStore } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';
import { adminToken, testApp, type TestApp } from '../web/support/web-app.js';
import { runCliInProcess } from './support/cli-in-process.js';

const now = '2020-05-12T18:38:00+09:00';

describeStores('abuse counterexamples', (ctx) => {
  let t: TestApp;
  const cli = (...args: string[]) => runCliInProcess(args, { databaseUrl: ctx.url, now });

  beforeAll(async () => {
    await createIssue({ db: ctx.store.db, now: new Date(now), actor: 'seed' }, { slug: 'jk', title: 'Japan–South Korea export controls' });
    t = await testApp(ctx.store);
  });
  afterAll(() => t.app.close());

  // [arguments, what stderr must say]
  const refused: Array<[string[], string]> = [
    // A six-digit ISO year reached Prisma ("Could not convert argument value").
    [['tick', '--now', '-000001-01-01T00:00:00Z'], '--now "-000001-01-01T00:00:00Z" is outside the years 1000–9998'],
    // Year 0000 in Seoul is year -1 in UTC.
    [['deadline', 'list', '--due-after', '0000-01-01', '--zone', 'asia/seoul'], '--due-after "0000-01-01" is outside the years 1000–9998'],
    // The default 30-day window ran past year 9999.
    [['alerts', 'preview', '--from', '9999-12-31T23:59:59.999Z'], '--from "9999-12-31T23:59:59.999Z" is outside the years 1000–9998'],
    // Overdue alerts a week after this due moment fell in year 10000 and every later tick failed.
    [['deadline', 'add', '--issue', 'jk', '--title', 'Far', '--due', '9999-12-31', '--zone', 'Pacific/Kiritimati'], '--due "9999-12-31" is outside the years 1000–9998'],
    // An id past 2^63 reached the database ("Unable to fit value … into a 64-bit signed integer").
    [['alerts', 'retry', '99999999999999999999'], 'id "99999999999999999999" must be an alert id'],
    // PostgreSQL refuses NUL ("invalid byte sequence for encoding UTF8: 0x00"); a process argv cannot
    // carry one, but the in-process entry and the admin API can.
    [['issue', 'add', 'fresh-issue', '--title', 'a\u0000b'], '--title "a\\u0000b" contains a NUL character'],
    // Half a surrogate pair was stored as U+FFFD without a word.
    [['issue', 'note', 'jk', 'x\uDC00'], '<text> "x\\udc00" contains half of a UTF-16 surrogate pair'],
  ];

  it.for(refused)('docket %j: exit 2 naming the field and value, store untouched', async ([args, message]) => {
    const before = await snapshotStore(ctx.store.db);
    const result = await cli(...args);
    expect(result.stderr).toContain(`docket: ${message}`);
    expect(result.code).toBe(2);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  // A legacy-zone warning came before the error, so the first line a person (or script) read was not it:
  // refused without --yes, and with --yes but a bad id.
  const warnedFirst: string[][] = [
    ['subscriber', 'update', 'analyst@example.org', '--zone', 'Etc/GMT-14'],
    ['deadline', 'extend', '', '--due', '2026-02-29', '--zone', 'Etc/GMT-14', '--yes'],
  ];
  it.for(warnedFirst)('docket %j: the error is the first line, with no warning before it', async (args) => {
    const before = await snapshotStore(ctx.store.db);
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^docket: /);
    expect(result.stderr).not.toContain('warning:');
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  const importRefused = async (deadline: object) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-abuse-')), 'broken.json');
    writeFileSync(file, JSON.stringify({ issues: [{ slug: 'jk', deadlines: [deadline] }] }));
    const before = await snapshotStore(ctx.store.db);
    const result = await cli('import', file);
    expect(result.code).toBe(2);
    expect(await snapshotStore(ctx.store.db)).toBe(before);
    return result.stderr;
  };

  it('refuses an imported due instant past year 9998 by row and field', async () => {
    const stderr = await importRefused({ title: 'Far', due: '+010000-01-01T00:00:00Z', expression: 'someday', zone: 'UTC', announced: '2020-05-12' });
    expect(stderr).toContain('row 2 (issues[0].deadlines[0]): due "+010000-01-01T00:00:00Z" is outside the years 1000–9998');
  });

  it('lists each import problem on one line even when the message echoes a line break', async () => {
    // The offsets message quoted its piece raw, so "Bcc: victim@example.com" began a line of its own.
    const stderr = await importRefused({ title: 0, due: '2020-06-30', offsets: 'line\r\nBcc: victim@example.com' });
    const lines = stderr.trimEnd().split('\n');
    expect(lines.slice(1).filter((line) => !line.startsWith('  row 2 (issues[0].deadlines[0]): '))).toEqual([]);
    expect(stderr).toContain('has "line\\r\\nBcc: victim@example.com", which is not an offset');
  });

  it('refuses a subscription whose issue slug is half a surrogate pair by row and field', async () => {
    // The planner looked the slug up before checking it; PostgreSQL refused the parameter ("unexpected end
    // of hex escape") and the import ended with exit 1.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-abuse-')), 'subscribers.json');
    writeFileSync(file, JSON.stringify({ subscribers: [{ email: 'analyst@example.org', subscriptions: ['\ud800', { issue: 'jk', deadline: 'x\u0000' }] }] }));
    const before = await snapshotStore(ctx.store.db);
    const result = await cli('import', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('subscriptions[0].issue "\\ud800" is not a slug');
    expect(result.stderr).toContain('subscriptions[1].deadline "x\\u0000" contains a NUL character');
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });

  it('answers 400 naming the field for NUL, half surrogates and year 9999 through the admin API', async () => {
    const post = (url: string, body: object) =>
      t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const before = await snapshotStore(ctx.store.db);
    const cases: Array<[string, object, string]> = [
      ['/api/issues', { slug: 'nul', title: 'a\u0000b' }, 'title'],
      ['/api/issues', { slug: 'half', title: 'ok', parties: ['\uD800'] }, 'parties'],
      ['/api/issues/jk/notes', { text: 'note\u0000' }, 'text'],
      ['/api/deadlines', { issue: 'jk', title: 'Far', due: '9999-12-31', zone: 'Pacific/Kiritimati' }, 'due'],
    ];
    for (const [url, body, field] of cases) {
      const response = await post(url, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ error: 'validation', field });
    }
    expect(await snapshotStore(ctx.store.db)).toBe(before);
  });
});
