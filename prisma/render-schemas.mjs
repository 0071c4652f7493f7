// Renders prisma/schema.template.prisma into one schema per provider. `--check` exits 1 when a rendered
// file differs from what the template gives (used by the test suite so the two cannot drift).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const template = readFileSync(join(here, 'schema.template.prisma'), 'utf8');
const header = '// GENERATED from prisma/schema.template.prisma by `npm run schema`. Do not edit.\n';
let stale = [];
for (const provider of ['sqlite', 'postgresql']) {
  const folder = provider === 'postgresql' ? 'postgres' : 'sqlite';
  const text = header + template.replaceAll('{{provider}}', provider).replace('src/generated/postgresql', 'src/generated/postgres');
  const file = join(here, folder, 'schema.prisma');
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(file, 'utf8'); } catch {}
    if (current !== text) stale.push(file);
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
if (stale.length) {
  console.error(`out of date: ${stale.join(', ')} — run npm run schema`);
  process.exit(1);
}
