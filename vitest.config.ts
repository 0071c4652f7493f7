import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { browserTestsLeftOut } from './test/support/chromium-path.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Without Chromium on a developer's machine the browser tests are left out, and the run ends saying so
    // (test/support/global-setup.ts); under CI they always run, so a missing Chromium fails them.
    exclude: browserTestsLeftOut() ? ['test/browser/**'] : [],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A PostgreSQL for the PostgreSQL half: the machine's, or an embedded one (test/support/global-setup.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Vitest's default is one file per core minus one: a single file at a time on a 2-core machine. Most
    // of a file's time is spent waiting (child CLI processes, PostgreSQL, SMTP, Chromium), so two at once
    // there took the suite from 547 s to 311 s (README, Development).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
