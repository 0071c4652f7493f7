// Seeds a benchmark "world" with raw multi-row INSERTs (Prisma's createMany is far too slow for a
// million alert rows): subscribers, a hot issue whose deadlines have one reminder due right now for every
// follower, and cold issues whose reminders are all scheduled for later. Two worlds built with the same
// shape but a different `background` differ only in the number of stored alert rows.
//
// Rows are written the way Prisma writes them: DateTime in the provider's own text format (checked
// against a row Prisma wrote, see checkDateFormat), keys in the engine's "r:<sub>:<deadline>:<rev>:<ms>"
// form, deadlines already planned (plannedAt set) so the tick does not re-plan them.
import type { Provider, Store } from '../../src/store/open-store.js';

export interface WorldShape {
  /** The tick's clock: hot reminders are due 5 minutes before it (due, not yet "late"). */
  now: Date;
  /** Immediate-delivery subscribers; each follows every issue and gets one due reminder per hot deadline. */
  followers: number;
  hotDeadlines: number;
  /** Daily-digest subscribers: they follow the cold issues only, so they own background rows, never due ones. */
  dailySubscribers: number;
  /** Cold deadlines (10 per cold issue); keep it the same across worlds that are compared. */
  coldDeadlines: number;
  /** Scheduled alert rows in the future, spread evenly over cold deadlines × subscribers × milestones. */
  background: number;
}

export interface World {
  hotDeadlineIds: number[];
  due: number;
  background: number;
  seedMs: number;
}

const dayMs = 86_400_000;
const milestones = [
  ['before:P7D', -7],
  ['before:P1D', -1],
  ['due', 0],
  ['overdue:1', 7],
  ['overdue:2', 14],
  ['overdue:3', 21],
  ['overdue:4', 28],
] as const;
const zones = ['Asia/Seoul', 'Asia/Tokyo', 'America/New_York', 'Europe/Berlin', 'UTC'];
const chunkRows = 5_000;

type Value = string | number | boolean | Date | null;

/** Cold deadlines needed so `background` rows fit (each subscriber × cold deadline has 7 milestones). */
export function coldDeadlinesFor(shape: Pick<WorldShape, 'followers' | 'dailySubscribers'>, background: number): number {
  return Math.ceil(background / ((shape.followers + shape.dailySubscribers) * milestones.length) / 10) * 10;
}

export async function seedWorld(store: Store, shape: WorldShape): Promise<World> {
  const started = performance.now();
  await checkDateFormat(store);
  const { now, followers, hotDeadlines, dailySubscribers, coldDeadlines, background } = shape;
  const subscribers = followers + dailySubscribers;
  if (background > subscribers * coldDeadlines * milestones.length) throw new Error(`background ${background} does not fit ${coldDeadlines} cold deadlines`);
  const createdAt = new Date(now.getTime() - 30 * dayMs);
  const plannedAt = new Date(now.getTime() - 3_600_000);
  const coldIssues = Math.ceil(coldDeadlines / 10);

  await insertRows(store, 'Subscriber', ['id', 'email', 'zone', 'delivery', 'confirmedAt', 'createdAt', 'updatedAt', 'linkKey'], (function* () {
    for (let id = 1; id <= subscribers; id++) {
      yield [id, `reader${id}@example.com`, zones[id % zones.length]!, id <= followers ? 'immediate' : 'daily', createdAt, createdAt, createdAt, `bench-link-key-${id}`];
    }
  })());
  await insertRows(store, 'TrackedIssue', ['id', 'slug', 'title', 'summary', 'partiesJson', 'sourcesJson', 'status', 'createdAt', 'updatedAt'], (function* () {
    for (let id = 1; id <= 1 + coldIssues; id++) {
      yield [
        id,
        `bench-issue-${id}`,
        id === 1 ? 'Japan–South Korea export controls' : `Trade dispute ${id}`,
        'Japan tightened export controls on three semiconductor materials to South Korea in July 2019.',
        JSON.stringify(['Japan', 'South Korea']),
        JSON.stringify(['https://example.org/news/2020-05-12']),
        'open',
        createdAt,
        createdAt,
      ];
    }
  })());
  const hotDue = new Date(now.getTime() + 7 * dayMs - 5 * 60_000);
  const coldDue = (index: number) => new Date(now.getTime() + 30 * dayMs + Math.floor((index * 300 * dayMs) / Math.max(1, coldDeadlines)));
  await insertRows(
    store,
    'Deadline',
    ['id', 'issueId', 'title', 'demandedBy', 'demandedOf', 'announcedAt', 'dueAt', 'zone', 'precision', 'expression', 'sourcesJson', 'status', 'revision', 'plannedAt', 'createdAt', 'updatedAt'],
    (function* () {
      for (let index = 0; index < hotDeadlines + coldDeadlines; index++) {
        const hot = index < hotDeadlines;
        const issueId = hot ? 1 : 2 + Math.floor((index - hotDeadlines) / 10);
        const dueAt = hot ? hotDue : coldDue(index - hotDeadlines);
        yield [index + 1, issueId, `South Korea's request for Japan's position on export controls (${index + 1})`, 'South Korea', 'Japan', createdAt, dueAt, 'Asia/Seoul', 'instant', 'within 37 days', '[]', 'pending', 0, plannedAt, createdAt, createdAt];
      }
    })(),
  );
  await insertRows(store, 'Subscription', ['subscriberId', 'issueId', 'deadlineId', 'scope', 'createdAt'], (function* () {
    for (let subscriberId = 1; subscriberId <= subscribers; subscriberId++) {
      for (let issueId = subscriberId <= followers ? 1 : 2; issueId <= 1 + coldIssues; issueId++) yield [subscriberId, issueId, null, 'issue', createdAt];
    }
  })());
  if (store.provider === 'postgres') {
    for (const table of ['Subscriber', 'TrackedIssue', 'Deadline']) {
      await store.db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
  }

  const due = followers * hotDeadlines;
  const dueAt = new Date(now.getTime() - 5 * 60_000);
  const alertRow = (subscriberId: number, deadlineId: number, milestone: string, sendAt: Date): Value[] =>
    [`r:${subscriberId}:${deadlineId}:0:${milestone}`, subscriberId, deadlineId, 'reminder', milestone, sendAt, 'scheduled', 0, sendAt, createdAt, createdAt];
  const combos = subscribers * coldDeadlines * milestones.length;
  await insertRows(store, 'Alert', ['key', 'subscriberId', 'deadlineId', 'kind', 'milestone', 'sendAt', 'status', 'attempts', 'nextAttemptAt', 'createdAt', 'updatedAt'], (function* () {
    // Due rows are spread among the background rows, as they would be after weeks of planning.
    let cold = 0;
    for (let hot = 0; hot < due; hot++) {
      const until = Math.floor(((hot + 1) * background) / due);
      for (; cold < until; cold++) yield coldRow(cold);
      yield alertRow(1 + (hot % followers), 1 + Math.floor(hot / followers), 'before:P7D', dueAt);
    }
    for (; cold < background; cold++) yield coldRow(cold);
  })());

  function coldRow(k: number): Value[] {
    const combo = Math.floor((k * combos) / background);
    const [milestone, days] = milestones[combo % milestones.length]!;
    const rest = Math.floor(combo / milestones.length);
    const coldIndex = rest % coldDeadlines;
    const subscriberId = 1 + Math.floor(rest / coldDeadlines);
    return alertRow(subscriberId, hotDeadlines + coldIndex + 1, milestone, new Date(coldDue(coldIndex).getTime() + days * dayMs));
  }

  // PostgreSQL's autovacuum would analyze a freshly loaded table on its own, at a moment of its choosing;
  // doing it now makes runs comparable. Docket never runs ANALYZE on SQLite, so neither does the benchmark.
  if (store.provider === 'postgres') await store.db.$executeRawUnsafe('ANALYZE');
  return { hotDeadlineIds: Array.from({ length: hotDeadlines }, (_, i) => i + 1), due, background, seedMs: performance.now() - started };
}

/** Puts every due reminder back to "scheduled, never attempted", so the same tick can be measured again. */
export async function resetDue(store: Store, world: World): Promise<void> {
  const reset = await store.db.alert.updateMany({
    where: { deadlineId: { in: world.hotDeadlineIds } },
    data: { status: 'scheduled', attempts: 0, claimToken: null, leaseUntil: null, sentAt: null, messageId: null, lastError: null, lateSince: null },
  });
  if (reset.count !== world.due) throw new Error(`reset ${reset.count} due alerts, expected ${world.due}`);
}

export async function countSent(store: Store, world: World): Promise<number> {
  return store.db.alert.count({ where: { deadlineId: { in: world.hotDeadlineIds }, status: 'sent' } });
}

export async function insertRows(store: Store, table: string, columns: string[], rows: Iterable<Value[]>): Promise<number> {
  const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `;
  let batch: string[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    written += await store.db.$executeRawUnsafe(head + batch.join(','));
    batch = [];
  };
  for (const row of rows) {
    batch.push(`(${row.map((value) => literal(store.provider, value)).join(',')})`);
    if (batch.length === chunkRows) await flush();
  }
  await flush();
  return written;
}

function literal(provider: Provider, value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return provider === 'postgres' ? String(value) : value ? '1' : '0';
  if (value instanceof Date) return `'${formatDate(provider, value)}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

/** Prisma's better-sqlite3 adapter stores "2020-05-12T09:38:00.000+00:00"; PostgreSQL has timestamp(3) in UTC. */
function formatDate(provider: Provider, date: Date): string {
  const iso = date.toISOString();
  return provider === 'postgres' ? iso.replace('T', ' ').replace('Z', '') : iso.replace('Z', '+00:00');
}

/**
 * Proves the hand-written DateTime text is what Prisma itself writes: on SQLite dates are compared as
 * text, so a "…Z" row next to Prisma's "…+00:00" rows would sort wrongly and the benchmark would lie.
 */
async function checkDateFormat(store: Store): Promise<void> {
  const probe = new Date('2020-05-12T09:38:00.123Z');
  await store.db.meta.create({ data: { key: 'bench-date-probe', value: '', updatedAt: probe } });
  const sql =
    store.provider === 'postgres'
      ? `SELECT count(*)::int AS n FROM "Meta" WHERE key = 'bench-date-probe' AND "updatedAt"::text = ${literal('postgres', probe)}`
      : `SELECT count(*) AS n FROM "Meta" WHERE key = 'bench-date-probe' AND ('' || "updatedAt") = ${literal('sqlite', probe)}`;
  const [row] = await store.db.$queryRawUnsafe<Array<{ n: number | bigint }>>(sql);
  await store.db.meta.delete({ where: { key: 'bench-date-probe' } });
  if (Number(row?.n) !== 1) throw new Error(`${store.provider}: seeded DateTime text ${literal(store.provider, probe)} differs from what Prisma writes; fix formatDate`);
}
