// Decides, for every checked import row, whether it creates a record or finds it already there, by
// natural key: issues by slug, deadlines by key, subscribers by email, subscriptions by their scope. It
// reads the store and writes nothing; rows that cannot be placed (a second row with the same key, a
// subscription to an issue nobody has heard of) become problems like any other.
import type { Tx } from '../../store/open-store.js';
import type { CheckedRows, CleanDeadline, CleanIssue, CleanSubscriber } from './check-import-rows.js';
import type { ProblemList } from './import-problems.js';
import { assignDeadlineKeys } from './transfer-format.js';

export interface ImportCounts {
  issues: number;
  deadlines: number;
  subscribers: number;
  subscriptions: number;
}

export interface PlannedSubscription {
  email: string;
  issue: string;
  /** The deadline's key, or null for the whole issue. */
  deadline: string | null;
}

export interface ImportPlan {
  issues: CleanIssue[];
  deadlines: CleanDeadline[];
  subscribers: CleanSubscriber[];
  subscriptions: PlannedSubscription[];
  /** Ids of what is already in the store, for the rows that refer to it. */
  existing: { issues: Map<string, number>; deadlines: Map<string, number>; subscribers: Map<string, number> };
  skipped: ImportCounts;
}

interface StoredIssue {
  id: number;
  status: string;
}

/** `in` lists this long stay well under both stores' limits on bound parameters. */
export const chunkSize = 500;

export function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** `fileSlugs`: every slug the file names, including issues whose rows have problems (already reported). */
export async function planImport(db: Tx, rows: CheckedRows, problems: ProblemList, options: { csv: boolean; fileSlugs: ReadonlySet<string> }): Promise<ImportPlan> {
  const skipped: ImportCounts = { issues: 0, deadlines: 0, subscribers: 0, subscriptions: 0 };
  const plan: ImportPlan = { issues: [], deadlines: [], subscribers: [], subscriptions: [], existing: { issues: new Map(), deadlines: new Map(), subscribers: new Map() }, skipped };

  const slugs = new Set([...rows.issues.map((i) => i.slug), ...rows.subscribers.flatMap((s) => s.subscriptions.map((sub) => sub.issue))]);
  const storedIssues = await findIssues(db, [...slugs]);
  const stored = await findDeadlineKeys(db, storedIssues, rows.deadlines.map((d) => d.key));

  // Issues: one row per slug; an existing one is left as it is.
  const fileIssues = new Map<string, CleanIssue>();
  for (const issue of rows.issues) {
    const first = fileIssues.get(issue.slug);
    if (first) {
      problems.add(issue, `issue "${issue.slug}" is also row ${first.row}; list all its deadlines under one entry`);
      continue;
    }
    fileIssues.set(issue.slug, issue);
    const existing = storedIssues.get(issue.slug);
    if (existing) {
      plan.existing.issues.set(issue.slug, existing.id);
      skipped.issues += 1;
    } else if (issue.title === null) {
      problems.add(issue, `${issue.titleField} is missing: issue "${issue.slug}" does not exist yet, so it needs a title`);
    } else plan.issues.push(issue);
  }

  // Deadlines: by key, within the file first, then against the store.
  const fileKeys = new Map<string, CleanDeadline>();
  for (const deadline of rows.deadlines) {
    const issue = fileIssues.get(deadline.issue);
    if (!issue) continue; // its issue row has a problem, already reported
    const first = fileKeys.get(deadline.key);
    if (first) {
      problems.add(deadline, `key ${JSON.stringify(deadline.key)} is also row ${first.row}'s; ${keyAdvice(options.csv)}`);
      continue;
    }
    fileKeys.set(deadline.key, deadline);
    const match = stored.get(deadline.key);
    if (match) {
      if (match.slug !== deadline.issue) problems.add(deadline, `key ${JSON.stringify(deadline.key)} already belongs to a deadline of issue "${match.slug}"`);
      else {
        plan.existing.deadlines.set(deadline.key, match.id);
        skipped.deadlines += 1;
      }
      continue;
    }
    if (storedIssues.get(deadline.issue)?.status === 'closed') {
      problems.add(deadline, `issue "${deadline.issue}" is closed; reopen it (\`docket issue reopen ${deadline.issue}\`) before importing new deadlines into it`);
      continue;
    }
    plan.deadlines.push(deadline);
  }

  // Subscribers by email, and what each follows.
  const storedSubscribers = await findSubscribers(db, rows.subscribers.map((s) => s.email));
  const fileEmails = new Map<string, CleanSubscriber>();
  for (const subscriber of rows.subscribers) {
    const first = fileEmails.get(subscriber.email);
    if (first) {
      problems.add(subscriber, `email "${subscriber.email}" is also row ${first.row}'s; list all of a subscriber's subscriptions under one entry`);
      continue;
    }
    fileEmails.set(subscriber.email, subscriber);
    const existing = storedSubscribers.get(subscriber.email);
    if (existing) {
      plan.existing.subscribers.set(subscriber.email, existing.id);
      skipped.subscribers += 1;
    } else plan.subscribers.push(subscriber);
    const seen = new Set<string>();
    for (const subscription of subscriber.subscriptions) {
      const at = (problem: string) => problems.add(subscriber, `${subscription.label}: ${problem}`);
      const slug = subscription.issue; // checked with the row (check-import-rows.ts)
      const issueId = storedIssues.get(slug)?.id;
      if (issueId === undefined && !fileIssues.has(slug)) {
        if (!options.fileSlugs.has(slug)) at(`no issue "${slug}" in this file or in the store`);
        continue;
      }
      const key = subscription.deadline;
      let scope = 'issue';
      if (key !== null) {
        const inFile = fileKeys.get(key);
        const inStore = stored.get(key);
        if (inFile ? inFile.issue !== slug : inStore ? inStore.slug !== slug : true) {
          at(inFile || inStore ? `deadline ${JSON.stringify(key)} belongs to issue "${inFile?.issue ?? inStore?.slug}", not "${slug}"` : `no deadline with key ${JSON.stringify(key)} in this file or in the store`);
          continue;
        }
        scope = inStore ? `deadline:${inStore.id}` : `new:${key}`;
        if (inStore) plan.existing.deadlines.set(key, inStore.id);
      }
      if (issueId !== undefined) plan.existing.issues.set(slug, issueId);
      if (seen.has(`${slug} ${scope}`)) continue; // listed twice: one subscription
      seen.add(`${slug} ${scope}`);
      if (existing && issueId !== undefined && existing.scopes.has(`${issueId} ${scope}`)) skipped.subscriptions += 1;
      else plan.subscriptions.push({ email: subscriber.email, issue: slug, deadline: key });
    }
  }
  return plan;
}

function keyAdvice(csv: boolean): string {
  return `two deadlines of one issue with the same title and announcement date need different ${csv ? '"key" cells' : '"key" fields'}`;
}

async function findIssues(db: Tx, slugs: string[]): Promise<Map<string, StoredIssue>> {
  const found = new Map<string, StoredIssue>();
  for (const part of chunks(slugs)) {
    for (const issue of await db.trackedIssue.findMany({ where: { slug: { in: part } }, select: { id: true, slug: true, status: true } })) {
      found.set(issue.slug, { id: issue.id, status: issue.status });
    }
  }
  return found;
}

/**
 * Every key the file could collide with: the keys of the named issues' deadlines (import keys, or for
 * deadlines added by hand the same derived keys export writes) and any deadline elsewhere holding one of
 * the file's keys.
 */
async function findDeadlineKeys(db: Tx, issues: Map<string, StoredIssue>, fileKeys: string[]): Promise<Map<string, { id: number; slug: string }>> {
  const keys = new Map<string, { id: number; slug: string }>();
  const slugOf = new Map([...issues].map(([slug, issue]) => [issue.id, slug]));
  for (const part of chunks([...slugOf.keys()])) {
    const rows = await db.deadline.findMany({
      where: { issueId: { in: part } },
      orderBy: { id: 'asc' },
      select: { id: true, issueId: true, importKey: true, title: true, announcedAt: true, zone: true },
    });
    const byIssue = new Map<number, typeof rows>();
    for (const row of rows) {
      const list = byIssue.get(row.issueId);
      if (list) list.push(row);
      else byIssue.set(row.issueId, [row]);
    }
    for (const [issueId, list] of byIssue) {
      const slug = slugOf.get(issueId)!;
      assignDeadlineKeys(slug, list).forEach((key, i) => keys.set(key, { id: list[i]!.id, slug }));
    }
  }
  const unseen = fileKeys.filter((key) => !keys.has(key));
  for (const part of chunks(unseen)) {
    const rows = await db.deadline.findMany({ where: { importKey: { in: part } }, select: { id: true, importKey: true, issue: { select: { slug: true } } } });
    for (const row of rows) keys.set(row.importKey!, { id: row.id, slug: row.issue.slug });
  }
  return keys;
}

async function findSubscribers(db: Tx, emails: string[]): Promise<Map<string, { id: number; scopes: Set<string> }>> {
  const found = new Map<string, { id: number; scopes: Set<string> }>();
  for (const part of chunks(emails)) {
    const rows = await db.subscriber.findMany({
      where: { email: { in: part } },
      select: { id: true, email: true, subscriptions: { select: { issueId: true, scope: true } } },
    });
    for (const row of rows) found.set(row.email, { id: row.id, scopes: new Set(row.subscriptions.map((s) => `${s.issueId} ${s.scope}`)) });
  }
  return found;
}
