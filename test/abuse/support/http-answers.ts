// What a proper answer to a hostile request looks like, and the rows to compare before and after it.
import type { LightMyRequestResponse } from 'fastify';
import type { Tx } from '../../../src/store/open-store.js';
import { snapshotStore } from '../../support/run-cli.js';
import type { FuzzRequest } from './http-input.js';

const leaks = /\n\s+at |node_modules|\.ts:\d+|Prisma|SQLITE_[A-Z]|postgres(ql)?:\/\/|invalid byte sequence/i;

/** Everything wrong with how the app answered (empty when it answered properly). */
export function answerProblems(request: FuzzRequest, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  if (response.statusCode >= 500) problems.push(`status ${response.statusCode}`);
  if (leaks.test(response.body)) problems.push('the body shows internals (a stack, a file, the driver)');
  const isJson = /^application\/json/.test(String(response.headers['content-type'] ?? ''));
  if (response.statusCode >= 400 && isJson && request.method !== 'HEAD') {
    const body = JSON.parse(response.body) as { error?: string; message?: string; field?: string };
    if (typeof body.error !== 'string' || typeof body.message !== 'string') problems.push('a JSON error without error and message');
    if (body.error === 'validation' && (typeof body.field !== 'string' || !body.message?.includes(body.field))) problems.push('a validation error that does not name its field');
  }
  return problems;
}

/** The admin-written tables (snapshotStore) plus alerts, which the subscribe form and links write. */
export async function storeSnapshot(db: Tx): Promise<string> {
  const alerts = await db.alert.findMany({ orderBy: { id: 'asc' } });
  return `${await snapshotStore(db)}${JSON.stringify(alerts)}`;
}
