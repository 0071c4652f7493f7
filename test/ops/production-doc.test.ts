// docs/production.md makes promises that can go stale: a row for every environment variable, and a
// systemd unit that systemd accepts as written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { envKeys, processEnvKeys } from '../../src/config/env-keys.js';

const doc = readFileSync(new URL('../../docs/production.md', import.meta.url), 'utf8');

it('has a row for every environment variable Docket reads', () => {
  const rows = new Set([...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]));
  expect([...envKeys, ...processEnvKeys].map((key) => key.name).filter((name) => !rows.has(name))).toEqual([]);
});

const analyzer = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });

it.skipIf(analyzer.status !== 0)('its systemd unit passes `systemd-analyze verify` with no complaint', () => {
  const unit = /```ini\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(unit).toMatch(/^ExecStart=.* serve$/m);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'docket-unit-')), 'docket.service');
  writeFileSync(file, unit!);
  const verified = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
  // Complaints about the unit name the file; anything else (no D-Bus in a container) is about the host.
  expect(`${verified.stdout}${verified.stderr}`.split('\n').filter((line) => line.includes(file))).toEqual([]);
});
