// The web benchmark's data: a fresh SQLite file with a few tracked issues and 500 deadlines between
// them, written through the same use cases as `docket issue add` / `docket deadline add` (so every row,
// event and history entry is what a real installation would hold). The canonical issue holds its one real
// deadline, as it does in life; the other four share the rest (a busy issue page has ~125).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../src/store/migrations.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';

export const canonicalSlug = 'japan-korea-export-controls';
/** An issue page with a quarter of all deadlines on it. */
export const busySlug = 'eu-us-steel-tariffs';
/** The pages are looked at on the evening of the canonical demand (18:38 in Seoul). */
export const benchNow = new Date('2020-05-12T09:38:00Z');

const issues = [
  { slug: canonicalSlug, title: 'Japan–South Korea export controls', parties: ['Japan', 'South Korea'], zone: 'Asia/Seoul' },
  { slug: 'eu-us-steel-tariffs', title: 'EU–US steel and aluminium tariffs', parties: ['European Union', 'United States'], zone: 'Europe/Brussels' },
  { slug: 'uk-eu-fisheries', title: 'UK–EU fisheries access', parties: ['United Kingdom', 'European Union'], zone: 'Europe/London' },
  { slug: 'us-china-phase-one', title: 'US–China phase one purchases', parties: ['United States', 'China'], zone: 'America/New_York' },
  { slug: 'australia-china-barley', title: 'Australia–China barley duties', parties: ['Australia', 'China'], zone: 'Australia/Sydney' },
];

export interface BenchData {
  store: Store;
  url: string;
  issues: number;
  deadlines: number;
  seedMs: number;
  remove(): Promise<void>;
}

export async function seedBenchData(deadlines = 500): Promise<BenchData> {
  const started = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-bench-web-'));
  const url = `file:${path.join(dir, 'docket.db')}`;
  await applyMigrations(url);
  const store = await openStore(url);
  const ctx = { db: store.db, now: benchNow, actor: 'bench' };
  for (const issue of issues) {
    await createIssue(ctx, {
      slug: issue.slug,
      title: issue.title,
      summary: `${issue.title}: demands, counter-demands and the dates attached to them, as reported.`,
      parties: issue.parties,
      tags: ['trade'],
      sources: [`https://example.org/news/${issue.slug}`],
    });
  }
  await createDeadline(
    ctx,
    {
      issue: canonicalSlug,
      title: "South Korea's request for Japan's position on withdrawing the export controls",
      due: 'end of this month',
      zone: 'Asia/Seoul',
      demandedBy: 'South Korea',
      demandedOf: 'Japan',
      sources: ['https://example.org/news/2020-05-12'],
    },
    { defaultZone: 'UTC' },
  );
  const others = issues.slice(1);
  for (let i = 0; i < deadlines - 1; i++) {
    const issue = others[i % others.length]!;
    // Spread over the next year and a half, all still pending at benchNow: every one is on the pages.
    const due = new Date(Date.UTC(2020, 4, 20) + (i * 86_400_000 * 540) / deadlines).toISOString().slice(0, 10);
    await createDeadline(
      ctx,
      {
        issue: issue.slug,
        title: `${issue.parties[0]} asks ${issue.parties[1]} for measure ${Math.floor(i / others.length) + 1}`,
        due,
        zone: issue.zone,
        demandedBy: issue.parties[0],
        demandedOf: issue.parties[1],
        sources: [`https://example.org/news/${issue.slug}/${i}`],
      },
      { defaultZone: 'UTC' },
    );
  }
  return {
    store,
    url,
    issues: issues.length,
    deadlines,
    seedMs: performance.now() - started,
    remove: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
