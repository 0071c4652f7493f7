// Read-only commands read through the bare driver, the service through Prisma: both must hand back rows
// exactly as Prisma's typed queries do (Dates, booleans, nulls, numbers), or the views would differ.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBareReader, type BareReader } from '../../src/store/bare-reader.js';
import { instantParam, readerOver } from '../../src/store/sql-reader.js';
import { createDeadline } from '../../src/usecases/create-deadline.js';
import { createIssue } from '../../src/usecases/create-issue.js';
import { deadlineJson } from '../../src/usecases/json-views.js';
import { resolveDeadline } from '../../src/usecases/resolve-deadline.js';
import { jsonOf, runCli } from '../support/run-cli.js';
import { describeStores } from '../support/test-stores.js';

describeStores('SQL readers', (ctx) => {
  let bare: BareReader;
  const now = new Date('2024-02-29T23:59:59.001Z');
  beforeAll(async () => {
    const write = { db: ctx.store.db, now, actor: 'test-admin' };
    await createIssue(write, { slug: 'readers', title: 'Readers', parties: ['Japan', 'South Korea'] });
    const common = { issue: 'readers', title: 'A demand', demandedBy: 'South Korea', demandedOf: 'Japan', sources: [] };
    await createDeadline(write, { ...common, due: 'end of this month', zone: 'Asia/Seoul' }, { defaultZone: 'UTC' });
    const resolved = await createDeadline(write, { ...common, due: '2024-03-10T12:00', zone: 'America/New_York', offsets: 'P3D' }, { defaultZone: 'UTC' });
    await resolveDeadline(write, resolved.id, { status: 'met', note: 'answered' });
    bare = (await openBareReader(ctx.url))!;
  });
  afterAll(() => bare?.close());

  it('read every column of issues, deadlines and events as Prisma does', async () => {
    const db = ctx.store.db;
    const typed = {
      TrackedIssue: await db.trackedIssue.findMany({ orderBy: { id: 'asc' } }),
      Deadline: await db.deadline.findMany({ orderBy: { id: 'asc' } }),
      Event: await db.event.findMany({ orderBy: { id: 'asc' } }),
    };
    expect(typed.Deadline.some((d) => d.resolutionNote === null) && typed.Deadline.some((d) => d.offsetsJson !== null)).toBe(true);
    expect(typed.Event.some((e) => e.notify) && typed.Event.some((e) => !e.notify)).toBe(true);
    for (const reader of [readerOver(db), bare]) {
      for (const [table, rows] of Object.entries(typed)) {
        const read = await reader.rows(sql`SELECT * FROM ${rawTable(table)} ORDER BY "id"`);
        expect(read, `${reader === bare ? 'bare' : 'Prisma'} reader, ${table}`).toStrictEqual(rows);
      }
    }
  });

  it('compare instants with the stored values to the millisecond', async () => {
    const [first] = await ctx.store.db.deadline.findMany({ orderBy: { id: 'asc' }, take: 1 });
    const at = first!.dueAt;
    for (const reader of [readerOver(ctx.store.db), bare]) {
      const count = async (op: string, instant: Date) =>
        (await reader.rows<{ id: number }>(sql`SELECT "id" FROM "Deadline" WHERE "id" = ${first!.id} AND "dueAt" ${rawOp(op)} ${instantParam(reader.provider, instant)}`)).length;
      expect(await count('=', at)).toBe(1);
      expect(await count('<', new Date(at.getTime() + 1))).toBe(1);
      expect(await count('>', new Date(at.getTime() - 1))).toBe(1);
      expect(await count('<', at)).toBe(0);
    }
  });

  it('deadline list --json reads the same through the CLI (bare driver) as the typed rows say', async () => {
    const listed = jsonOf(await runCli(['deadline', 'list', '--json', '--status', 'all'], { databaseUrl: ctx.url }));
    const typed = await ctx.store.db.deadline.findMany({ orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], include: { issue: true } });
    expect(typed).toHaveLength(2);
    expect(listed).toEqual(JSON.parse(JSON.stringify(typed.map(deadlineJson))));
  });
});

describe('deadline list on a store not ready for the bare driver', () => {
  it('creates and migrates a SQLite file that is not there yet, or is empty, then lists', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-reader-'));
    const missing = `file:${path.join(dir, 'new.db')}`;
    expect(await openBareReader(missing)).toBeUndefined();
    const first = await runCli(['deadline', 'list', '--json'], { databaseUrl: missing });
    expect([first.code, first.stdout.trim(), first.stderr]).toEqual([0, '[]', '']);
    const emptyFile = path.join(dir, 'empty.db');
    writeFileSync(emptyFile, '');
    const second = await runCli(['deadline', 'list', '--json'], { databaseUrl: `file:${emptyFile}` });
    expect([second.code, second.stdout.trim()]).toEqual([0, '[]']);
    const status = jsonOf<{ applied: string[]; pending: string[] }>(await runCli(['db', 'status', '--json'], { databaseUrl: `file:${emptyFile}` }));
    expect(status.pending).toEqual([]);
    expect(status.applied.length).toBeGreaterThan(0);
  });
});

const tables = new Set(['TrackedIssue', 'Deadline', 'Event']);
function rawTable(name: string) {
  if (!tables.has(name)) throw new Error(name);
  return sql([`"${name}"`]);
}
const ops = new Set(['=', '<', '>']);
function rawOp(op: string) {
  if (!ops.has(op)) throw new Error(op);
  return sql([op]);
}
