// `docket doctor`: watched feeds that have been failing for 24 hours or more (each is also emailed once to
// DOCKET_ADMIN_EMAIL), so an operator sees a feed that moved or went away.
import type { Tx } from '../store/open-store.js';
import { ok, warn, type CheckResult } from '../ops/doctor-check.js';
import { failingReportAfterMs } from './notify-admin.js';

export async function checkSources(db: Tx, now: Date): Promise<CheckResult> {
  const [active, failing] = await Promise.all([
    db.source.count({ where: { status: 'active' } }),
    db.source.findMany({ where: { status: 'active', failingSince: { lte: new Date(now.getTime() - failingReportAfterMs) } }, orderBy: { id: 'asc' }, take: 10 }),
  ]);
  if (failing.length === 0) return ok('sources', active === 0 ? 'no watched feeds' : `${active} watched feed(s), none failing for 24 h`);
  const list = failing.map((s) => `source ${s.id} (${s.name}): ${s.lastError ?? 'failing'} since ${s.failingSince?.toISOString()}`).join('; ');
  return warn('sources', `${failing.length} watched feed(s) failing for 24 h or more: ${list}`, 'see `docket source list`; fix the feed URL (`docket source remove` and `add` again) or `docket source pause <id>`');
}
