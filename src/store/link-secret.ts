// The key that signs unsubscribe/manage/confirm links. DOCKET_SECRET when set; otherwise one generated on
// first use and kept in the store's Meta table, so every process on the same database — the service, a
// `docket tick` from cron in another folder, a second instance — signs and verifies alike.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Tx } from './open-store.js';

export const linkSecretKey = 'linkSecret';

/** A secret long enough to be one Docket generated (32 random bytes, base64url). */
const minStoredLength = 32;

export async function storedLinkSecret(db: Tx): Promise<string | null> {
  const row = await db.meta.findUnique({ where: { key: linkSecretKey } });
  return row && row.value.length >= minStoredLength ? row.value : null;
}

/**
 * The secret to sign with. `legacyFile` is where versions before this one generated theirs (the data
 * folder's `secret`): adopted once when the store has none, so links already emailed keep working.
 */
export async function loadLinkSecret(db: Tx, options: { configured: string | null; legacyFile?: string; now?: Date }): Promise<string> {
  if (options.configured) return options.configured;
  const existing = await storedLinkSecret(db);
  if (existing) return existing;
  const value = readLegacySecret(options.legacyFile) ?? randomBytes(32).toString('base64url');
  try {
    await db.meta.create({ data: { key: linkSecretKey, value, updatedAt: options.now ?? new Date() } });
    return value;
  } catch (error) {
    // Another process created it between our read and write: theirs is the one everyone uses.
    const theirs = await storedLinkSecret(db);
    if (theirs) return theirs;
    throw error;
  }
}

export function legacySecretFile(dataDir: string): string {
  return path.join(dataDir, 'secret');
}

export function readLegacySecret(file: string | undefined): string | null {
  if (file === undefined) return null;
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.length >= minStoredLength ? text : null;
  } catch {
    return null;
  }
}
