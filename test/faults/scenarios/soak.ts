// 7. Soak: `docket serve` on a replayed clock running 12,960× real time (90 days in 10 minutes; short
// mode: about 10 days in 1 minute), over the canonical case (examples/, "end of this month" announced
// 2020-05-12 in Seoul) plus 1,000 synthetic deadlines. Every reminder the planning functions owe by the
// last completed tick arrives exactly once, and RSS at the end is at most 20 % above RSS after the first
// minute (short mode: after 15 s): growth is what a leak would show.
//
// A tick fires every real second, 3.6 h of Docket time, and DOCKET_LATE_AFTER_MINUTES is 240, so a
// reminder sent at the next tick is not "late". But a tick can take far longer than a second (the first
// one plans ~14,000 reminders: 45 s under load, 6.7 Docket days), and then the default catch-up policy
// (latest) rightly drops superseded reminders. The soak therefore runs with DOCKET_CATCH_UP=all: every
// missed reminder is still sent, marked late. One rule still applies: a "due"/"before" reminder is not
// sent once the deadline has passed (for a New York reader of a Seoul deadline the margin is 2 h, less
// than a tick). So each reminder's expected outcome is decided from the ticks that actually ran.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planReminders, isOverdueMilestone } from '../../../src/alerts/plan-reminders.js';
import type { ReminderPolicy } from '../../../src/alerts/reminder-policy.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { engineSettings } from '../../../src/engine/engine-config.js';
import { followersOf } from '../../../src/engine/followers.js';
import type { Db } from '../../../src/store/open-store.js';
import { projectRoot, runCli } from '../../support/run-cli.js';
import { withFixture } from '../support/fixture.js';
import { alertRows, reconcile, reconciliationMisses, type AlertRow } from '../support/reconcile.js';
import { exitMisses, seconds, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { ReplayClock } from '../support/service.js';
import { sleep } from '../support/wait.js';

const rate = 12_960;
const lateAfterMinutes = 240;
// Short mode plans 100 synthetic deadlines, not 1,000: planning 14,000 reminders in the first tick takes
// 45 s or more on a loaded 2-core machine, most of a 1-minute soak.
const sizes = {
  full: { start: '2020-05-12T10:00:00Z', realMs: 600_000, rssBaselineMs: 60_000, synthetic: 1_000 },
  short: { start: '2020-05-22T00:00:00Z', realMs: 60_000, rssBaselineMs: 15_000, synthetic: 100 },
};
const maxRssGrowth = 0.2;
const dayMs = 86_400_000;

export const soak: Scenario = {
  name: 'soak',
  run: ({ mode }: RunOptions) =>
    withFixture('sqlite', async ({ smtp, database, store, service: serviceFor }): Promise<ScenarioResult> => {
      const { start, realMs, rssBaselineMs, synthetic } = sizes[mode];
      // The default reminder policy, read before the long wait (what the service itself runs with).
      const { policy } = engineSettings(loadConfig({ env: {} }));
      const service = serviceFor({ DOCKET_LATE_AFTER_MINUTES: String(lateAfterMinutes), DOCKET_CATCH_UP: 'all' }, new ReplayClock(new Date(start), rate));
      await setUp(database.url, start, synthetic);
      service.start();
      const samples: Array<{ at: number; mb: number }> = [];
      const began = Date.now();
      while (Date.now() - began < realMs) {
        await sleep(1_000);
        if (!service.running) throw new Error(`docket serve exited: ${service.otherOutput.slice(-5).join(' | ')}`);
        samples.push({ at: Date.now() - began, mb: service.rssMb() });
      }
      const stoppedAt = Date.now();
      const exit = await service.stop();

      // Ticks that had finished before SIGTERM ran in full; the one in flight may have stopped early.
      const ticks = service.ticks().filter((line) => Date.parse(line.time) < stoppedAt).map((line) => new Date((line.tick as { now: string }).now));
      const cutoff = ticks.at(-1);
      if (cutoff === undefined) throw new Error(`no tick finished within ${seconds(realMs)} (the first plans every reminder)`);
      const firstTickMs = Number((service.ticks()[0]?.tick as { durationMs?: number } | undefined)?.durationMs);
      const expected = await expectedOutcomes(store.db, policy, ticks, cutoff);
      const rows = await alertRows(store.db);
      const reminders = rows.filter((row) => row.key.startsWith('r:'));
      const byKey = new Map(reminders.map((row) => [row.key, row]));
      // A reminder rightly not sent has no row at all (the engine makes rows only for what it sends).
      const missingRows = [...expected.entries()].filter(([key, outcome]) => outcome === 'sent' && !byKey.has(key)).map(([key]) => key);
      const unplanned = reminders.filter((row) => row.sendAt <= cutoff && !expected.has(row.key));
      const wronglySkipped = reminders.filter((row) => expected.get(row.key) === 'sent' && row.status === 'skipped');
      const wronglySent = reminders.filter((row) => expected.get(row.key) === 'skipped' && row.status !== 'skipped');
      // Owed: what the plan says goes out by the cutoff, plus anything sent after it (the tick in flight).
      const owed = rows.filter((row) => expected.get(row.key) === 'sent' || (!expected.has(row.key) && row.status === 'sent'));
      const rec = reconcile({ owed, received: (await smtp.report()).received });

      const baseline = samples.find((sample) => sample.at >= rssBaselineMs) ?? samples[0]!;
      const end = samples.at(-1)!;
      const growth = end.mb / baseline.mb - 1;
      const misses = reconciliationMisses(rec);
      if (missingRows.length > 0) misses.push(`${missingRows.length} planned reminders have no alert row, e.g. ${missingRows[0]}`);
      if (unplanned.length > 0) misses.push(`${unplanned.length} alert rows are not in the plan, e.g. ${unplanned[0]!.key}`);
      if (wronglySkipped.length > 0) misses.push(`${wronglySkipped.length} reminders skipped although their tick came before the deadline, e.g. ${describe(wronglySkipped[0]!)}`);
      if (wronglySent.length > 0) misses.push(`${wronglySent.length} reminders not skipped although the deadline had passed at their tick, e.g. ${describe(wronglySent[0]!)}`);
      // A leak shows as growth. At full size the first minute is the first tick planning every reminder,
      // RSS's high point, so the end sits well below it; that is not a miss.
      if (growth > maxRssGrowth) misses.push(`RSS ${end.mb.toFixed(0)} MB at the end vs ${baseline.mb.toFixed(0)} MB at ${seconds(baseline.at)} (+${(growth * 100).toFixed(0)} %, goal ≤ +${maxRssGrowth * 100} %)`);
      const skippedExpected = [...expected.values()].filter((outcome) => outcome === 'skipped').length;
      return {
        scenario: '7. soak',
        store: 'sqlite',
        alerts: rec.owed,
        lost: rec.lost.length,
        duplicated: rec.duplicated,
        notes: [
          `${seconds(realMs)} at ${rate.toLocaleString('en')}× (${((cutoff.getTime() - Date.parse(start)) / dayMs).toFixed(1)} Docket days, ${start.slice(0, 10)} → ${cutoff.toISOString().slice(0, 16)}Z${mode === 'short' ? '; short mode covers fewer days than the full 90' : ''})`,
          `canonical case + ${synthetic.toLocaleString('en')} synthetic deadlines${mode === 'short' ? ' (full: 1,000)' : ''}; ${ticks.length} ticks (the first ${seconds(firstTickMs)}); late after ${lateAfterMinutes} min, DOCKET_CATCH_UP=all`,
          `${skippedExpected} reminders rightly not sent (deadline passed before the tick that would send them)`,
          `RSS ${baseline.mb.toFixed(0)} MB at ${seconds(baseline.at)}, ${end.mb.toFixed(0)} MB at the end (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %), peak ${Math.max(...samples.map((s) => s.mb)).toFixed(0)} MB`,
        ],
        misses: [...misses, ...exitMisses([exit])],
      };
    }),
};

const describe = (row: AlertRow) => `${row.key} due to go at ${row.sendAt.toISOString()} (${row.status}${row.lastError ? `: ${row.lastError}` : ''})`;

/** The canonical case from examples/, synthetic day deadlines, and readers in five zones, via the CLI. */
async function setUp(databaseUrl: string, start: string, synthetic: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-soak-'));
  const file = path.join(dir, 'synthetic.json');
  const zones = ['Asia/Seoul', 'Europe/Brussels', 'America/New_York', 'Asia/Tokyo', 'UTC'];
  const first = Date.parse(start.slice(0, 10));
  const deadlines = Array.from({ length: synthetic }, (_, i) => ({
    title: `Synthetic demand ${i + 1}`,
    // Due 8 to 60 days after the start: every reminder, up to the fourth overdue one, falls within 90 days.
    due: new Date(first + (8 + (i % 53)) * dayMs).toISOString().slice(0, 10),
    announced: start,
    zone: zones[i % zones.length],
  }));
  writeFileSync(file, JSON.stringify({ issues: [{ slug: 'synthetic', title: 'Synthetic demands', status: 'open', deadlines }] }));
  const commands = [
    ['import', path.join(projectRoot, 'examples', 'japan-korea-export-controls.json')],
    ['import', file],
    ['subscriber', 'add', 'seoul@example.com', '--zone', 'Asia/Seoul'],
    ['subscriber', 'add', 'tokyo@example.com', '--zone', 'Asia/Tokyo'],
    ['subscriber', 'add', 'ny@example.com', '--zone', 'America/New_York'],
    ['subscriber', 'add', 'berlin@example.com', '--zone', 'Europe/Berlin'],
    ['subscriber', 'add', 'la@example.com', '--zone', 'America/Los_Angeles'],
    ...['seoul', 'tokyo', 'ny'].map((who) => ['subscribe', `${who}@example.com`, 'japan-korea-export-controls']),
    ...['berlin', 'la'].map((who) => ['subscribe', `${who}@example.com`, 'synthetic']),
  ];
  for (const args of commands) {
    const result = await runCli(args, { databaseUrl, now: start });
    if (result.code !== 0) throw new Error(`docket ${args.join(' ')}: ${result.stderr}`);
  }
}

/**
 * For every reminder the planning functions owe by the last tick: 'sent', or 'skipped' when the first
 * tick at or after its moment came after the deadline (a before/due reminder is then never sent).
 */
async function expectedOutcomes(db: Db, policy: ReminderPolicy, ticks: Date[], cutoff: Date): Promise<Map<string, 'sent' | 'skipped'>> {
  const expected = new Map<string, 'sent' | 'skipped'>();
  const deadlines = await db.deadline.findMany({ select: { id: true, issueId: true, dueAt: true, zone: true, precision: true, revision: true } });
  for (const deadline of deadlines) {
    for (const follower of await followersOf(db, { issueId: deadline.issueId, deadlineId: deadline.id })) {
      const due = { instant: deadline.dueAt, zone: deadline.zone, precision: deadline.precision as 'day' };
      for (const reminder of planReminders({ due, subscriberZone: follower.zone, policy })) {
        if (reminder.sendAt > cutoff) continue;
        const tick = ticks.find((t) => t >= reminder.sendAt)!;
        const passed = !isOverdueMilestone(reminder.milestone) && tick > deadline.dueAt;
        expected.set(`r:${follower.subscriberId}:${deadline.id}:${deadline.revision}:${reminder.milestone}`, passed ? 'skipped' : 'sent');
      }
    }
  }
  return expected;
}
