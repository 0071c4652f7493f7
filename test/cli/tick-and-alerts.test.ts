// The scheduler driven from the command line, as an operator with system cron (or a replay) would:
// `docket tick --now`, `docket alerts preview|list|retry`, against a real SMTP server.
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureBuilt, jsonOf, runCli } from '../support/run-cli.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { story } from '../support/story.js';
import { describeStores } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

interface TickJson { sent: number; planned: number; failed: number; retried: number; skipped: number }
interface PreviewJson { sendAt: string; email: string; milestone: string; state: string }
interface AlertJson { id: number; status: string; milestone: string; to: string; lastError: string | null; attempts: number }

describeStores('docket tick and alerts', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  // One story: set up, preview, tick, fail, retry (a step run alone with -t runs the ones before it).
  const step = story();

  const docket = (args: string[], now = '2020-05-12T18:38:00+09:00') =>
    runCli(args, { databaseUrl: ctx.url, now, env: { SMTP_URL: sink.url, DOCKET_SECRET: 'cli-test-secret-0123456789abcdef', BASE_URL: 'http://docket.test' } });

  step('sets up the canonical case with a New York follower', async () => {
    expect((await docket(['issue', 'add', 'jk', '--title', 'Japan–South Korea export controls'])).code).toBe(0);
    expect((await docket(['subscriber', 'add', 'ny@example.com', '--zone', 'America/New_York'])).code).toBe(0);
    expect((await docket(['subscribe', 'ny@example.com', 'jk'])).code).toBe(0);
    const added = await docket(['deadline', 'add', '--issue', 'jk', '--title', "South Korea's request", '--due', 'end of this month', '--zone', 'Asia/Seoul']);
    expect(added.code).toBe(0);
  });

  step('previews what will be sent without sending or writing anything', async () => {
    const preview = jsonOf<PreviewJson[]>(await docket(['alerts', 'preview', '--to', '2020-06-02T00:00:00Z', '--json']));
    // New-deadline notice now, then 24 May, 30 May and 31 May at 09:00 New York time (13:00Z), overdue on 1 June.
    expect(preview.map((item) => [item.sendAt, item.milestone])).toEqual([
      ['2020-05-12T09:38:00.000Z', 'deadline.created'],
      ['2020-05-24T13:00:00.000Z', 'before:P7D'],
      ['2020-05-30T13:00:00.000Z', 'before:P1D'],
      ['2020-05-31T13:00:00.000Z', 'due'],
      ['2020-06-01T13:00:00.000Z', 'overdue:1'],
    ]);
    expect(preview.every((item) => item.email === 'ny@example.com' && item.state === 'to plan')).toBe(true);
    const list = jsonOf<AlertJson[]>(await docket(['alerts', 'list', '--json']));
    expect(list).toEqual([]);
    expect(sink.messages).toHaveLength(0);
  });

  step('tick --dry-run lists what is due now and changes nothing', async () => {
    const dry = await docket(['tick', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(jsonOf<{ due: PreviewJson[] }>(dry).due.map((item) => item.milestone)).toEqual(['deadline.created']);
    expect(jsonOf<AlertJson[]>(await docket(['alerts', 'list', '--json']))).toEqual([]);
    expect(sink.messages).toHaveLength(0);
  });

  step('tick sends what is due at the given instant, once', async () => {
    const first = jsonOf<TickJson>(await docket(['tick', '--now', '2020-05-12T09:40:00Z', '--json']));
    expect(first.sent).toBe(1);
    expect(sink.messages[0]!.parsed.subject).toMatch(/^New deadline: South Korea's request/);
    const again = jsonOf<TickJson>(await docket(['tick', '--now', '2020-05-12T09:40:00Z', '--json']));
    expect(again.sent).toBe(0);
    const oneDay = jsonOf<TickJson>(await docket(['tick', '--now', '2020-05-30T13:00:00Z', '--json']));
    expect(oneDay.sent).toBe(1);
    expect(sink.messages[1]!.parsed.subject).toBe("Due in 1 day: South Korea's request — Sun 31 May 2020");
    expect(sink.messages[1]!.to).toEqual(['ny@example.com']);
  });

  step('a permanent SMTP failure is listed with the server reply and can be retried', async () => {
    sink.mode = 'permanent';
    const tick = jsonOf<TickJson>(await docket(['tick', '--now', '2020-05-31T13:00:00Z', '--json']));
    expect(tick.failed).toBe(1);
    const failed = jsonOf<AlertJson[]>(await docket(['alerts', 'list', '--status', 'failed', '--json']));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ milestone: 'due', to: 'ny@example.com' });
    expect(failed[0]!.lastError).toMatch(/550/);
    sink.mode = 'accept';
    const retried = await docket(['alerts', 'retry', '--failed']);
    expect(retried).toMatchObject({ code: 0, stdout: '1 alert(s) will be sent at the next tick.\n' });
    const after = jsonOf<TickJson>(await docket(['tick', '--now', '2020-05-31T13:05:00Z', '--json']));
    expect(after.sent).toBe(1);
    expect(sink.messages.at(-1)!.parsed.subject).toMatch(/^Due today: /);
  });

  step('bad input exits 2 naming the option and the value, and changes nothing', async () => {
    const before = jsonOf<AlertJson[]>(await docket(['alerts', 'list', '--json']));
    const cases: Array<[string[], RegExp]> = [
      [['tick', '--now', 'yesterday-ish'], /--now "yesterday-ish" is not an ISO 8601 instant/],
      [['tick', '--now', '2020-05-31'], /--now "2020-05-31" is not an ISO 8601 instant with an offset/],
      [['alerts', 'list', '--status', 'lost'], /--status "lost" is not one of: scheduled, sending, sent, failed, skipped, digested/],
      [['alerts', 'list', '--limit', 'lots'], /--limit "lots" must be a whole number/],
      [['alerts', 'retry'], /give either an alert id or --failed/],
      [['alerts', 'retry', '99999'], /no alert "99999"/],
      [['alerts', 'retry', String(before.find((alert) => alert.status === 'sent')!.id)], /is sent, not failed/],
      [['alerts', 'preview', '--to', 'next blursday'], /--to "next blursday"/],
    ];
    for (const [args, message] of cases) {
      const result = await docket(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(jsonOf<AlertJson[]>(await docket(['alerts', 'list', '--json']))).toEqual(before);
  });
});
