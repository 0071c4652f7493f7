import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one file per core minus one: a single file at a time on a 2-core machine. Most
    // of a file's time is spent waiting (child CLI processes, PostgreSQL, SMTP, Chromium), so two at once
    // there took the suite from 547 s to 311 s (README, Development).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
