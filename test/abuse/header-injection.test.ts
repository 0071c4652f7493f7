// Email header injection, end to end: hostile text typed into the CLI and the web app (issue and deadline
// titles, parties, notes, subscriber addresses) travels through alerts to a real SMTP server, and what
// arrives is parsed back with mailparser. Addresses that try to smuggle a header or a second recipient
// are refused at input; text fields are neutralised: no added header, no extra recipient, no broken
// line, and the words still shown as text.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../support/test-stores.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { headerBlock } from '../mail/mime.js';
import { adminToken, openForm, postForm, testApp, type TestApp } from '../web/support/web-app.js';
import { runCliInProcess } from './support/cli-in-process.js';

const now = '2020-05-12T18:38:00+09:00';
const victim = 'victim@example.com';
const smuggle = `\r\nBcc: ${victim}\r\nX-Injected: yes`;
/** Encoded words that decode to a line break and a header. */
const encoded = '=?UTF-8?B?DQpCY2M6IHZpY3RpbUBleGFtcGxlLmNvbQ==?=';
const decoded = `\r\nBcc: ${victim}`;
const long = `Long ${'x'.repeat(480)}`;

describeStores('header injection through CLI and web input to SMTP', (ctx) => {
  let sink: SmtpSink;
  let t: TestApp;
  const cli = (...args: string[]) => runCliInProcess(args, { databaseUrl: ctx.url, now, env: { SMTP_URL: sink.url, BASE_URL: 'http://docket.test' } });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await testApp(ctx.store);
  });
  afterAll(async () => {
    await t.app.close();
    await sink.close();
  });

  it('refuses addresses that carry a header or a second recipient, on the CLI and the subscribe form', async () => {
    for (const email of [`analyst@example.org${smuggle}`, `analyst@example.org, ${victim}`, `analyst@example.org\nBcc: ${victim}`, `"x\r\nBcc: ${victim}"@example.org`, `analyst@example.org%0d%0aBcc:${victim}`]) {
      const result = await cli('subscriber', 'add', email);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`<email> ${JSON.stringify(email)} is not an email address`);
    }
    await expectCleanSetUp();
    const { session } = await openForm(t.app, '/issues/inj');
    const refused = await postForm(t.app, '/issues/inj/subscribe', { email: `reader@example.org${smuggle}`, zone: 'UTC', delivery: 'immediate', scope: 'issue' }, session);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('is not an email address');
    expect(await ctx.store.db.subscriber.count({ where: { email: { contains: 'reader' } } })).toBe(0);
  });

  // The set-up goes through the same doors an admin and a visitor use.
  let setUp = false;
  async function expectCleanSetUp() {
    if (setUp) return;
    setUp = true;
    const steps: string[][] = [
      ['issue', 'add', 'inj', '--title', `Issue ${smuggle} ${encoded}`, '--party', `Party${smuggle}`],
      ['subscriber', 'add', 'analyst@example.org', '--zone', 'UTC'],
      ['subscriber', 'add', 'desk@example.org', '--zone', 'UTC', '--delivery', 'daily'],
      ['subscribe', 'analyst@example.org', 'inj'],
      ['subscribe', 'desk@example.org', 'inj'],
      ['deadline', 'add', '--issue', 'inj', '--title', `Deadline ${smuggle}`, '--due', 'end of this month', '--zone', 'UTC', '--by', `By${smuggle}`, '--to', `To ${encoded}`],
      ['deadline', 'add', '--issue', 'inj', '--title', long, '--due', '2020-05-31', '--zone', 'UTC'],
      ['issue', 'note', 'inj', `Note ${smuggle}\u2028\u0085 ${encoded}`],
    ];
    for (const args of steps) {
      const result = await cli(...args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
  }

  it('neutralises CR/LF, line separators and long lines in every email that reaches the SMTP server', async () => {
    await expectCleanSetUp();
    // The admin API and the subscribe form are the web's doors for the same text.
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/deadlines',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ issue: 'inj', title: `Api ${smuggle}`, due: '2020-05-29', zone: 'UTC', demandedBy: `Api by ${smuggle}` }),
    });
    expect(api.statusCode, api.body).toBe(201);
    const { session } = await openForm(t.app, '/issues/inj');
    const form = await postForm(t.app, '/issues/inj/subscribe', { email: 'reader@example.org', zone: 'UTC', delivery: 'immediate', scope: 'issue' }, session);
    expect(form.statusCode).toBe(200);

    // Event emails now; reminders, digests and due-day alerts over the rest of the month.
    for (const at of ['2020-05-12T10:00:00Z', '2020-05-30T12:00:00Z', '2020-05-31T12:00:00Z']) {
      const result = await cli('tick', '--now', at);
      expect(result.code, result.stderr).toBe(0);
    }
    const allowed = new Set(['analyst@example.org', 'desk@example.org', 'reader@example.org']);
    expect(sink.messages.length).toBeGreaterThan(5);
    const subjects: string[] = [];
    for (const message of sink.messages) {
      const what = `${message.parsed.subject}`;
      expect(message.to, what).toHaveLength(1);
      expect(allowed.has(message.to[0]!), what).toBe(true);
      expect((message.parsed.to as { text: string }).text, what).toBe(message.to[0]);
      expect(message.parsed.bcc, what).toBeUndefined();
      expect(message.parsed.cc, what).toBeUndefined();
      expect(message.parsed.headers.has('bcc') || message.parsed.headers.has('x-injected'), what).toBe(false);
      const head = message.raw.toString('utf8').split(/\r\n\r\n/, 1)[0]!;
      expect(head.split('\r\n').filter((line) => Buffer.byteLength(line) > 998), what).toEqual([]);
      expect(headerBlock(message.raw).filter((h) => /^(bcc|x-injected):/i.test(h)), what).toEqual([]);
      expect(message.parsed.subject ?? '', what).not.toMatch(/[\r\n\u2028\u0085]/);
      subjects.push(message.parsed.subject ?? '');
    }
    // Neutralised, not dropped: the hostile words are still there as text.
    expect(subjects.some((s) => s.includes(`Bcc: ${victim} X-Injected: yes`))).toBe(true);
    const kinds = new Set(sink.messages.map((m) => m.parsed.headers.get('x-docket-kind') ?? m.parsed.subject?.split(':', 1)[0]));
    expect(kinds.size).toBeGreaterThan(2);
  });

  // Clients decode encoded words even in an all-ASCII header; a zero-width space after "=" keeps the
  // typed text literal (src/mail/header-text.ts), so the reader sees it as typed, invisible space aside.
  it('keeps encoded-word syntax typed in a title as text in every subject', () => {
    const subjects = sink.messages.map((m) => (m.parsed.subject ?? '').replaceAll('\u200B', ''));
    expect(subjects.some((s) => s.includes(encoded))).toBe(true);
    expect(subjects.filter((s) => s.includes(decoded))).toEqual([]);
  });
});
