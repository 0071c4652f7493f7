// Attaches the web server to `docket serve`. Kept apart so the service runs without it (DOCKET_WEB=false).
import type { Clock } from '../../clock.js';
import type { Config } from '../../config/load-config.js';
import type { TickResult } from '../../engine/run-tick.js';
import type { Logger } from '../../log.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { Store } from '../../store/open-store.js';

export interface WebDeps {
  config: Config;
  clock: Clock;
  store: Store;
  secret: string;
  log: Logger;
  scheduler: Scheduler | null;
  onTick(listener: (result: TickResult) => void): void;
}

export async function startWeb(_deps: WebDeps): Promise<{ close(): Promise<void> } | null> {
  return null;
}
