// Things the CLI saves only when the person says so: a legacy fixed-offset zone (EST is UTC−5 even in a
// New York summer) and a deadline that has already passed (its followers would be told of a "new
// deadline" that is over). On a terminal it asks; in a script it refuses (exit 2) unless --yes is given.
import { createInterface } from 'node:readline/promises';
import { AppError } from '../errors.js';
import { legacyZoneWarning } from '../time/zone.js';
import { formatInZone } from '../time/format.js';
import type { Output } from './output.js';

export function zoneCaution(zone: string | undefined | null): string | null {
  return zone ? legacyZoneWarning(zone) : null;
}

export function pastCaution(due: Date, zone: string, now: Date): string | null {
  if (due.getTime() > now.getTime()) return null;
  return `this deadline is already past (due ${formatInZone(due, zone)}): followers would be told of a new deadline that is over`;
}

/** Resolves when it is fine to go on; throws a usage error (exit 2) when it is not. */
export async function confirmCautions(cautions: Array<string | null>, options: { yes?: boolean; out: Output; interactive?: boolean }): Promise<boolean> {
  const found = cautions.filter((item): item is string => item !== null);
  if (found.length === 0) return true;
  // A refusal names the cautions in its one error line. With --yes they are said once the change is
  // saved, so a later mistake (a bad id) is still the one `docket:` line the person reads first.
  if (options.yes) {
    for (const caution of found) options.out.warnAfter(caution);
    return true;
  }
  if (!(options.interactive ?? process.stdin.isTTY)) throw new AppError('usage', `not saved: ${found.join('; ')}. Add --yes to save it anyway`, { field: 'yes' });
  for (const caution of found) options.out.note(`warning: ${caution}`);
  return ask('Save anyway? [y/N] ');
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
