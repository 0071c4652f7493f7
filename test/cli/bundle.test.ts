// What the CLI bundle (scripts/bundle-cli.mjs) must not carry: zod's locales (366 KB) come in whenever a
// file imports `{ z }` instead of `* as z`, and then every store command loads them (docs/benchmarks.md, CLI).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ensureBuilt, projectRoot } from '../support/run-cli.js';

beforeAll(() => ensureBuilt(), 180_000);

it('no chunk of the CLI bundle holds zod\'s locales but English (its default)', () => {
  const dir = path.join(projectRoot, 'dist', 'cli');
  const maps = readdirSync(dir).filter((name) => name.endsWith('.js.map'));
  expect(maps.length).toBeGreaterThan(10);
  const withLocales = maps.filter((name) => (JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { sources: string[] }).sources.some((source) => /zod\/v4\/locales\/(?!en\.js$)/.test(source)));
  expect(withLocales).toEqual([]);
});
