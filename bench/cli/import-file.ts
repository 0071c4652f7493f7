// A large import file for the CLI benchmark and the import tests: `count` deadlines spread over issues of
// 100 each, with due dates written the ways admins write them (phrases, ISO days, local times), in several
// zones, so reading them costs what real files cost. Deterministic: the same count gives the same file.
// `npx tsx bench/cli/import-file.ts 10000 > big.json` writes one.
import type { DeadlineRecord, TransferDocument } from '../../src/usecases/import/transfer-format.js';

const zones = ['Asia/Seoul', 'Asia/Tokyo', 'Europe/Brussels', 'America/New_York', 'Asia/Kolkata', 'UTC'];
const phrases = ['by the end of this month', 'within 30 days', 'by the end of next month', 'within 2 weeks', 'end of this year'];

export function makeImportDocument(count: number, options: { perIssue?: number; slugPrefix?: string } = {}): TransferDocument {
  const perIssue = options.perIssue ?? 100;
  const prefix = options.slugPrefix ?? 'bench-issue';
  const issues: TransferDocument['issues'] = [];
  for (let i = 0; i < count; i++) {
    const issueIndex = Math.floor(i / perIssue);
    if (i % perIssue === 0) {
      issues.push({
        slug: `${prefix}-${issueIndex}`,
        title: `Benchmark dispute ${issueIndex}`,
        parties: ['Japan', 'South Korea'],
        tags: ['bench'],
        deadlines: [],
      });
    }
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const announced = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const due = i % 3 === 0 ? phrases[i % phrases.length]! : i % 3 === 1 ? `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T17:00`;
    const deadline: DeadlineRecord = {
      title: `Demand ${i}: position on the measures`,
      due,
      announced,
      zone: zones[i % zones.length]!,
      by: 'South Korea',
      to: 'Japan',
      sources: [`https://example.org/news/${i}`],
    };
    issues.at(-1)!.deadlines!.push(deadline);
  }
  return { issues };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(makeImportDocument(Number(process.argv[2] ?? 10_000)))}\n`);
}
