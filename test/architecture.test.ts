// ARCHITECTURE.md's layer table is the rule: every import in src/ goes to the same layer or a lower one,
// pure layers stay pure, and Prisma's clients are loaded (and their rows named) only by the store. Read from the document, so a
// new folder must be placed there before its code can pass.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = path.join(root, 'src');

interface Layer {
  level: number;
  units: string[];
  pure: boolean;
  edges: string[];
}

function layers(): Layer[] {
  const doc = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Layers'), doc.indexOf('\n## ', doc.indexOf('## Layers') + 1));
  return table
    .split('\n')
    .map((line) => /^\|\s*(\d+)\s*\|([^|]*)\|([^|]*)\|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, level, units, pure]) => ({
      level: Number(level),
      units: [...units!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
      pure: /^\s*yes\b/.test(pure!),
      edges: [...pure!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
    }));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(src, 'generated') ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `src/engine` for src/engine/run-tick.ts, `src/clock.ts` for src/clock.ts. */
function unitOf(file: string): string {
  return `src/${path.relative(src, file).split(path.sep)[0]}`;
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?\bfrom\s+'([^']+)'/gm)) found.push({ specifier: m[3]!, typeOnly: Boolean(m[2]) });
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

const outsidePackages = /^(@prisma\/|prisma$|pg$|better-sqlite3$|nodemailer$|fastify$|@fastify\/|undici$|node:(http|https|net|tls|child_process)$)/;

describe('ARCHITECTURE.md', () => {
  const table = layers();
  const levelOf = new Map(table.flatMap((layer) => layer.units.map((unit) => [unit, layer] as const)));
  const files = sourceFiles(src);

  it('has a layer table naming each folder and top-level file of src/ once', () => {
    expect(table.length).toBeGreaterThanOrEqual(5);
    const named = table.flatMap((layer) => layer.units);
    expect(new Set(named).size).toBe(named.length);
    const units = [...new Set([...files.map(unitOf), 'src/generated'])].sort();
    expect(units.filter((unit) => !levelOf.has(unit)), 'units missing from the layer table').toEqual([]);
    expect(named.filter((unit) => !units.includes(unit)), 'units in the table that do not exist').toEqual([]);
  });

  /** What is wrong with one file's imports, by the table. */
  function crossings(file: string, text: string): string[] {
    const from = path.relative(root, file);
    const unit = unitOf(file);
    const layer = levelOf.get(unit);
    if (!layer) return []; // reported by the test above
    const edge = layer.edges.includes(from);
    const problems: string[] = [];
    for (const { specifier, typeOnly } of importsOf(text)) {
      if (specifier.startsWith('.')) {
        const targetUnit = unitOf(path.resolve(path.dirname(file), specifier));
        const targetLayer = levelOf.get(targetUnit);
        if (targetLayer && targetLayer.level > layer.level) problems.push(`${from} (layer ${layer.level}) imports ${specifier} (${targetUnit}, layer ${targetLayer.level})`);
        if (targetUnit === 'src/generated' && unit !== 'src/store') {
          if (!typeOnly) problems.push(`${from} loads a Prisma client (${specifier}); only src/store may`);
          else if (layer.pure) problems.push(`${from} is pure but names Prisma rows (${specifier})`);
          else problems.push(`${from} names rows from one provider's client (${specifier}); import them from src/store/models.ts`);
        }
      } else if (layer.pure && !edge && outsidePackages.test(specifier)) {
        problems.push(`${from} is pure but imports ${specifier}`);
      }
    }
    if (layer.pure && !edge && /\bDate\.now\(|new Date\(\s*\)/.test(text)) problems.push(`${from} is pure but reads the clock (pass \`now\` in)`);
    return problems;
  }

  it('no import in src/ reaches a higher layer, pure layers stay pure, Prisma loads only in the store', () => {
    expect(files.flatMap((file) => crossings(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('would catch each kind of crossing', () => {
    const time = path.join(src, 'time', 'example.ts');
    expect(crossings(time, "import { openStore } from '../store/open-store.js';")).toHaveLength(1);
    expect(crossings(time, "import type { Deadline } from '../generated/sqlite/client.js';")).toHaveLength(2); // a higher layer, and rows named
    expect(crossings(time, "const { default: pg } = await import('pg');")).toHaveLength(1);
    expect(crossings(time, 'export const today = () => new Date();')).toHaveLength(1);
    expect(crossings(path.join(src, 'engine', 'example.ts'), "import { PrismaClient } from '../generated/sqlite/client.js';")).toHaveLength(1);
    expect(crossings(path.join(src, 'store', 'example.ts'), "import { run } from '../cli/main.js';")).toHaveLength(1);
    expect(crossings(path.join(src, 'cli', 'example.ts'), "import type { Deadline } from '../generated/sqlite/client.js';")).toHaveLength(1); // rows by provider
    expect(crossings(path.join(src, 'cli', 'example.ts'), "import { openStore } from '../store/open-store.js';\nimport type { Deadline } from '../store/models.js';")).toEqual([]);
  });
});
