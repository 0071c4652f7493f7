// The suite's figures as a plain-text table (the same columns as docs/reliability.md).
import type { ScenarioResult } from './scenario.js';

export function printTable(results: ScenarioResult[]): void {
  const rows = [
    ['scenario', 'store', 'alerts', 'lost', 'duplicated', 'goals', 'notes'],
    ...results.map((r) => [
      r.scenario,
      r.store === 'postgres' ? 'PostgreSQL' : 'SQLite',
      r.alerts.toLocaleString('en'),
      String(r.lost),
      String(r.duplicated),
      r.misses.length === 0 ? 'met' : r.knownBug ? 'MISSED (bug)' : 'MISSED',
      r.notes.join('; '),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  console.log(line(rows[0]!));
  console.log(widths.map((width) => '-'.repeat(Math.min(width, 40))).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}
