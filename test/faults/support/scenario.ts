// What a scenario is and what it reports: one row of the suite's table, plus the goals it missed.
import type { Provider } from '../../../src/store/open-store.js';

export type Mode = 'short' | 'full';

export interface ScenarioResult {
  scenario: string;
  store: Provider;
  /** Alert rows the scenario put through the service. */
  alerts: number;
  lost: number;
  duplicated: number;
  notes: string[];
  /** Goals missed; the suite exits non-zero when any scenario has one. */
  misses: string[];
  /** Set when a miss comes from a bug in src/ that this suite may not fix (reproduction in the report). */
  knownBug?: string;
}

export interface RunOptions {
  mode: Mode;
  /** Seeded: the moments of kills, so a run can be repeated with --seed. */
  random: () => number;
  /** Scenario 6's deadline count instead of the mode's (--cli-deadlines): 2,000 CLI pairs take ~30 min. */
  cliDeadlines?: number;
}

export interface Scenario {
  name: string;
  /** Run only when named with --only (a variant that would make the default run too long). */
  onlyWhenNamed?: boolean;
  run(options: RunOptions): Promise<ScenarioResult>;
}

export { seededRandom } from '../../support/seeded-random.js';

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The goal every scenario shares: each service it stopped exited 0 on SIGTERM (a clean shutdown). */
export function exitMisses(exits: Array<number | string | null>): string[] {
  return exits.every((exit) => exit === 0) ? [] : [`not every docket serve exited 0 on SIGTERM: ${exits.join(', ')}`];
}
