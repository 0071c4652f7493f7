// Where the browser tests find Chromium, and whether they run without it: on a developer's machine they
// are left out (loudly, at the end of the run); under CI (`CI=true`, as .ci/run runs) never.
import { existsSync } from 'node:fs';

/** Debian's package installs it here; CI installs it with apt (see .ci/run). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserTestsLeftOut(): boolean {
  const ci = process.env.CI;
  return (ci === undefined || ci === '' || ci === 'false' || ci === '0') && !existsSync(chromiumPath);
}
