// 3. SMTP errors, chosen per recipient by the server: 421 and 451 (transient: retried, then delivered),
// 550 (permanent: failed at once, not retried, the server's reply recorded), and a server that stalls
// mid-DATA (the client's socket timeout fires; retried, then delivered). Retry spacing is measured where
// it is exact: at the server, between attempts of the same message.
import { backlogNow, owedMisses, seedBacklog, waitForDrain } from '../support/backlog.js';
import { withFixture } from '../support/fixture.js';
import { alertRows, reconcile, reconciliationMisses, type AlertRow } from '../support/reconcile.js';
import { exitMisses, seconds, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { ReplayClock } from '../support/service.js';
import type { Attempt, FaultRule } from '../support/smtp-process.js';

const sizes = { short: { alerts: 200 }, full: { alerts: 1_000 } };
const retryBaseSeconds = 2;
const socketTimeoutMs = 3_000;

/** Seeded subscribers are reader<id>@example.com; the last digit of the id picks the fault. */
const rules: FaultRule[] = [
  { recipient: '^reader\\d*1@', reply: 421, times: 1 },
  { recipient: '^reader\\d*2@', reply: 451, times: 2 },
  { recipient: '^reader\\d*3@', reply: 550, times: Number.MAX_SAFE_INTEGER },
  { recipient: '^reader\\d*4@', reply: 'stall', times: 1 },
];
const subscriberOf = (row: AlertRow) => Number(row.key.split(':')[1]);
const faultOf = (row: AlertRow) => rules.find((rule) => new RegExp(rule.recipient).test(`reader${subscriberOf(row)}@example.com`));

export const smtpErrors: Scenario = {
  name: 'smtp-errors',
  run: ({ mode }: RunOptions) =>
    withFixture('sqlite', async ({ smtp, store, service: serviceFor }): Promise<ScenarioResult> => {
      const seeded = await seedBacklog(store, sizes[mode].alerts);
      await smtp.setRules(rules);
      const env = { DOCKET_RETRY_BASE_SECONDS: String(retryBaseSeconds), DOCKET_SMTP_SOCKET_TIMEOUT_MS: String(socketTimeoutMs), DOCKET_LATE_AFTER_MINUTES: '600' };
      const service = serviceFor(env, new ReplayClock(backlogNow));
      service.start();
      await waitForDrain(store.db, 300_000, { owed: seeded, services: [service] });
      const exit = await service.stop();
      const rows = await alertRows(store.db);
      const report = await smtp.report();
      const permanent = rows.filter((row) => faultOf(row)?.reply === 550);
      const rec = reconcile({ owed: rows.filter((row) => !permanent.includes(row)), received: report.received, subjectIsIdentity: true });
      const misses = [...reconciliationMisses(rec), ...owedMisses(rows.length, seeded)];
      const badPermanent = permanent.filter((row) => row.status !== 'failed' || row.attempts !== 1 || !row.lastError?.includes('550'));
      if (badPermanent.length > 0) misses.push(`${badPermanent.length} alerts answered 550 are not "failed after 1 attempt with the 550 reply", e.g. ${JSON.stringify(badPermanent[0])}`);
      const notRetried = rows.filter((row) => {
        const fault = faultOf(row);
        return fault !== undefined && fault.reply !== 550 && row.attempts < fault.times + 1;
      });
      if (notRetried.length > 0) misses.push(`${notRetried.length} alerts with transient faults were not retried, e.g. ${JSON.stringify(notRetried[0])}`);
      const timeouts = service.logs.filter((line) => line.msg === 'alert not delivered' && /timeout|timed out/i.test(String(line.error))).length;
      const stalls = report.attempts.filter((attempt) => attempt.reply === 'stall').length;
      if (timeouts < stalls) misses.push(`${stalls} stalled deliveries but only ${timeouts} timeouts logged`);
      const gaps = retryGaps(report.attempts);
      const shortest = Math.min(...gaps);
      if (shortest < (retryBaseSeconds * 1000) / 2) misses.push(`a message was retried ${seconds(shortest)} after a 4xx (goal ≥ half the ${retryBaseSeconds} s retry base)`);
      const count = (reply: Attempt['reply']) => report.attempts.filter((attempt) => attempt.reply === reply).length;
      return {
        scenario: '3. SMTP errors',
        store: 'sqlite',
        alerts: seeded,
        lost: rec.lost.length,
        duplicated: rec.duplicated,
        notes: [
          `answers: ${count(421)}× 421, ${count(451)}× 451, ${count(550)}× 550, ${stalls} stalls mid-DATA (${socketTimeoutMs / 1000} s socket timeout; ${timeouts} timeouts logged)`,
          `${permanent.length} alerts failed on 550 after 1 attempt, reply recorded; transient ones delivered after ${describe(rows, 421)} / ${describe(rows, 451)} / ${describe(rows, 'stall')} attempts (421 / 451×2 / stall)`,
          `retry spacing at the server (base ${retryBaseSeconds} s): median gap between attempts ${seconds(median(gaps))}, shortest ${seconds(shortest)}`,
        ],
        misses: [...misses, ...exitMisses([exit])],
      };
    }),
};

/** Time between successive attempts of the same message, as the server saw them. */
function retryGaps(attempts: Attempt[]): number[] {
  const last = new Map<string, number>();
  const gaps: number[] = [];
  for (const attempt of attempts) {
    const before = last.get(attempt.messageId);
    if (before !== undefined) gaps.push(attempt.at - before);
    last.set(attempt.messageId, attempt.at);
  }
  return gaps;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

function describe(rows: AlertRow[], reply: FaultRule['reply']): string {
  const attempts = rows.filter((row) => faultOf(row)?.reply === reply).map((row) => row.attempts);
  return attempts.length === 0 ? '–' : `${Math.min(...attempts)}–${Math.max(...attempts)}`;
}
