// 6. SQLite, CLI and service at once: a script adds and then extends deadlines through the real CLI
// (two at a time) while `docket serve` drains the notices those writes cause, all on one SQLite file.
// Every CLI write must be in the store afterwards, no SQLITE_BUSY may reach the user (CLI stderr, exit
// codes, service logs), and every notice owed is delivered once.
import { runCli, type CliResult } from '../../support/run-cli.js';
import { owedMisses, waitForDrain } from '../support/backlog.js';
import { withFixture } from '../support/fixture.js';
import { alertRows, reconcile, reconciliationMisses } from '../support/reconcile.js';
import { exitMisses, seconds, type RunOptions, type Scenario, type ScenarioResult } from '../support/scenario.js';
import { busyErrors } from '../support/service.js';

const sizes = { short: { deadlines: 20 }, full: { deadlines: 2_000 } };
const writers = 2;
const subscribers = [['seoul@example.com', 'Asia/Seoul'], ['ny@example.com', 'America/New_York']] as const;
/** Notices per deadline: one when it is added, one when it is extended. */
const notices = 2;
const busy = /SQLITE_BUSY|database is locked/i;

export const cliAndService: Scenario = {
  name: 'cli-and-service',
  run: ({ mode, cliDeadlines }: RunOptions) =>
    withFixture('sqlite', async ({ smtp, database, store, service: serviceFor }): Promise<ScenarioResult> => {
      const deadlines = cliDeadlines ?? sizes[mode].deadlines;
      const service = serviceFor();
      const cli = (args: string[]) => runCli(args, { databaseUrl: database.url });
      const setup = [
        ['issue', 'add', 'faults', '--title', 'Fault suite issue'],
        ...subscribers.map(([email, zone]) => ['subscriber', 'add', email, '--zone', zone]),
        ...subscribers.map(([email]) => ['subscribe', email, 'faults']),
      ];
      for (const args of setup) {
        const result = await cli(args);
        if (result.code !== 0) throw new Error(`docket ${args.join(' ')}: ${result.stderr}`);
      }
      service.start();
      await service.ready();

      const results: CliResult[] = [];
      const started = Date.now();
      let next = 0;
      const writer = async () => {
        while (next < deadlines) {
          const i = next++;
          const added = await cli(['deadline', 'add', '--issue', 'faults', '--title', titleOf(i), '--due', dueOf(i, 0), '--zone', 'Europe/Brussels', '--json']);
          results.push(added);
          if (added.code !== 0) continue;
          const id = String((JSON.parse(added.stdout) as { id: number }).id);
          results.push(await cli(['deadline', 'extend', id, '--due', dueOf(i, 14), '--note', 'two more weeks']));
        }
      };
      await Promise.all(Array.from({ length: writers }, writer));
      const cliMs = Date.now() - started;
      // Known in advance: each deadline's "new deadline" and "extended" notices, to each subscriber. The
      // service may not have planned the last writes yet; the wait ends only once it has, and sent them.
      const owed = deadlines * notices * subscribers.length;
      const writesDone = new Date();
      await waitForDrain(store.db, 600_000, { owed, dueBy: writesDone, services: [service] });
      const exit = await service.stop();

      const stored = await store.db.deadline.findMany({ where: { title: { startsWith: 'Fault deadline ' } }, select: { title: true, expression: true, status: true, revision: true } });
      const byTitle = new Map(stored.map((row) => [row.title, row]));
      const lostWrites = Array.from({ length: deadlines }, (_, i) => i).filter((i) => {
        const row = byTitle.get(titleOf(i));
        return row === undefined || row.status !== 'extended' || row.expression !== dueOf(i, 14) || row.revision !== 1;
      });
      const failedCommands = results.filter((result) => result.code !== 0);
      const cliBusy = results.filter((result) => busy.test(result.stderr)).length;
      const serviceBusy = busyErrors(service).length;

      const rows = await alertRows(store.db);
      const skipped = rows.filter((row) => row.status === 'skipped');
      const rec = reconcile({ owed: rows.filter((row) => row.status !== 'skipped' && row.sendAt <= writesDone), received: (await smtp.report()).received });
      const misses = [...reconciliationMisses(rec), ...owedMisses(rec.owed, owed)];
      if (lostWrites.length > 0) misses.push(`${lostWrites.length} CLI writes are not in the store as written, e.g. ${titleOf(lostWrites[0]!)}`);
      if (failedCommands.length > 0) misses.push(`${failedCommands.length} CLI commands failed, e.g.: ${failedCommands[0]!.stderr.trim().slice(0, 300)}`);
      if (cliBusy + serviceBusy > 0) misses.push(`SQLITE_BUSY/locked seen by the user: ${cliBusy} CLI commands, ${serviceBusy} service log lines`);
      if (service.errors().length > 0) misses.push(`${service.errors().length} error lines in the service log, e.g. ${JSON.stringify(service.errors()[0]).slice(0, 300)}`);
      return {
        scenario: '6. SQLite, CLI and service at once',
        store: 'sqlite',
        alerts: rec.owed,
        lost: rec.lost.length,
        duplicated: rec.duplicated,
        notes: [
          `${deadlines} deadlines added and extended by ${results.length} CLI runs (${writers} at a time, ${seconds(cliMs)}); writes lost ${lostWrites.length}; failed commands ${failedCommands.length}`,
          `user-visible SQLITE_BUSY: ${cliBusy} (CLI) + ${serviceBusy} (service)`,
          `${rec.owed} notices owed and delivered while writing; ${skipped.length} skipped by the engine${skipped[0] ? ` (e.g. "${skipped[0].lastError}")` : ''}`,
        ],
        misses: [...misses, ...exitMisses([exit])],
      };
    }),
};

const titleOf = (i: number) => `Fault deadline ${i + 1}`;
/** Day-precision dues a few months out (no reminder falls due during the run), spread over days. */
const dueOf = (i: number, extraDays: number) => new Date(Date.UTC(2030, 0, 10 + (i % 300) + extraDays)).toISOString().slice(0, 10);
