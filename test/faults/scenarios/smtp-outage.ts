// 2. SMTP outage: the server refuses connections for a stretch while the service is sending, then comes
// back. Nothing is lost, everything is delivered after recovery, the service does not spin while the
// server is away (CPU measured from /proc over the outage), and retries of one alert back off.
import { backlogNow, owedMisses, seedBacklog, waitForDrain } from '../support/backlog.js';
import { withFixture } from '../support/fixture.js';
import { alertRows, reconcile, reconciliationMisses } from '../support/reconcile.js';
import { exitMisses, seconds, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { ReplayClock, type LogLine, type Service } from '../support/service.js';
import { sleep } from '../support/wait.js';

const sizes = { short: { alerts: 400, outageMs: 12_000 }, full: { alerts: 2_000, outageMs: 60_000 } };
const retryBaseSeconds = 2;
/**
 * A busy loop pegs a core. Backing off, each pending alert still costs a render and a refused connection
 * per attempt, so CPU grows with the backlog (35–61 % of a core for 400–2,000 alerts here); the test of
 * backing off proper is the count of attempts per alert (attemptsAllowed).
 */
const maxOutageCpu = 0.8;

export const smtpOutage: Scenario = {
  name: 'smtp-outage',
  run: ({ mode }: RunOptions) =>
    withFixture('sqlite', async ({ smtp, store, service: serviceFor }): Promise<ScenarioResult> => {
      const { alerts, outageMs } = sizes[mode];
      const seeded = await seedBacklog(store, alerts);
      // Enough attempts that the outage cannot exhaust them: 2 s doubling reaches 64 s by the 6th.
      const env = { DOCKET_RETRY_BASE_SECONDS: String(retryBaseSeconds), DOCKET_MAX_ATTEMPTS: '12', DOCKET_LATE_AFTER_MINUTES: '600' };
      const service = serviceFor(env, new ReplayClock(backlogNow));
      service.start();
      await smtp.waitForCount(Math.ceil(seeded / 10), 60_000);
      await smtp.refuse();
      const deliveredBefore = await smtp.count();
      const cpu = new CpuMeter(service);
      await sleep((outageMs * 2) / 3);
      const cpuEarly = cpu.share();
      await sleep(outageMs / 3);
      const cpuLate = cpu.share();
      await smtp.listen();
      const back = Date.now();
      await waitForDrain(store.db, 300_000, { owed: seeded, services: [service] });
      const recoveredIn = Date.now() - back;
      const exit = await service.stop();
      const rec = reconcile({ owed: await alertRows(store.db), received: (await smtp.report()).received, subjectIsIdentity: true });
      const spacing = retrySpacing(service.logs);
      const misses = reconciliationMisses(rec);
      if (Math.max(cpuEarly, cpuLate) > maxOutageCpu) misses.push(`CPU during the outage ${percent(cpuEarly)}, then ${percent(cpuLate)} of a core (goal ≤ ${percent(maxOutageCpu)}: no busy loop)`);
      if (spacing.failures === 0) misses.push('no delivery failure was logged during the outage');
      const allowed = attemptsAllowed(outageMs + 5_000, retryBaseSeconds * 1000);
      if (spacing.mostPerAlert > allowed) misses.push(`an alert failed ${spacing.mostPerAlert} times; backing off from ${retryBaseSeconds} s allows at most ${allowed} in ${seconds(outageMs)}`);
      return {
        scenario: '2. SMTP outage',
        store: 'sqlite',
        alerts: seeded,
        lost: rec.lost.length,
        duplicated: rec.duplicated,
        notes: [
          `refused connections for ${seconds(outageMs)} after ${deliveredBefore} delivered; all ${seeded - deliveredBefore} others delivered ${seconds(recoveredIn)} after it came back`,
          `CPU during the outage ${percent(cpuEarly)} of a core in its first two thirds, ${percent(cpuLate)} in the last third`,
          `retry spacing (base ${retryBaseSeconds} s, from log times): median gap after failure 1, 2, 3… ${spacing.medians.map((ms) => seconds(ms)).join(' → ')}; ${spacing.failures} failures logged, at most ${spacing.mostPerAlert} for one alert`,
        ],
        misses: [...misses, ...owedMisses(rec.owed, seeded), ...exitMisses([exit])],
      };
    }),
};

const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

/** CPU share of one core used by the service since the last reading. */
class CpuMeter {
  #cpu: number;
  #at = Date.now();
  constructor(readonly service: Service) {
    this.#cpu = service.cpuSeconds();
  }
  share(): number {
    const cpu = this.service.cpuSeconds();
    const at = Date.now();
    const share = (cpu - this.#cpu) / ((at - this.#at) / 1000);
    this.#cpu = cpu;
    this.#at = at;
    return share;
  }
}

/**
 * From the service's "alert not delivered" lines: the gaps between one alert's successive failures. Lines
 * are written when a batch ends, so a gap is only as precise as a batch is short; later gaps only count
 * alerts that failed that often before the outage ended (the shorter delays).
 */
function retrySpacing(logs: LogLine[]): { failures: number; mostPerAlert: number; medians: number[] } {
  const times = new Map<string, number[]>();
  let failures = 0;
  for (const line of logs) {
    if (line.msg !== 'alert not delivered') continue;
    failures += 1;
    const key = String(line.alert);
    times.set(key, [...(times.get(key) ?? []), Date.parse(line.time)]);
  }
  const byAttempt: number[][] = [];
  for (const list of times.values()) {
    for (let i = 1; i < list.length; i++) {
      (byAttempt[i - 1] ??= []).push(list[i]! - list[i - 1]!);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { failures, mostPerAlert: Math.max(0, ...[...times.values()].map((list) => list.length)), medians: byAttempt.map(median) };
}

/** Attempts that fit in `windowMs` when each delay is at least half of base × 2^(attempt − 1). */
function attemptsAllowed(windowMs: number, baseMs: number): number {
  let attempts = 1;
  let elapsed = 0;
  while ((elapsed += (baseMs * 2 ** (attempts - 1)) / 2) <= windowMs) attempts += 1;
  return attempts;
}
