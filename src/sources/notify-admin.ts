// The admin hears about watched sources by email, at most once an hour (DOCKET_ADMIN_EMAIL): the new inbox
// candidates, each with its evidence and the command that accepts it, and any feed that has been failing
// for 24 hours (reported once per failing spell). Rows are marked told only after the SMTP server accepted.
import { randomUUID } from 'node:crypto';
import type { Mailer } from '../mail/transport.js';
import type { Db } from '../store/open-store.js';
import { describeDue } from '../time/describe-due.js';
import type { Precision } from '../time/due-moment.js';

export const adminMailEveryMs = 3_600_000;
export const failingReportAfterMs = 24 * 3_600_000;
const metaKey = 'sourcesAdminMailAt';

export interface AdminNotice {
  sent: boolean;
  candidates: number;
  failing: number;
}

export async function notifyAdmin(db: Db, mailer: Mailer, options: { now: Date; to: string; from: string }): Promise<AdminNotice> {
  const { now } = options;
  const none = { sent: false, candidates: 0, failing: 0 };
  const last = await db.meta.findUnique({ where: { key: metaKey } });
  if (last && now.getTime() - new Date(last.value).getTime() < adminMailEveryMs) return none;
  const [candidates, failing] = await Promise.all([
    db.inboxItem.findMany({ where: { status: 'new', notifiedAt: null }, orderBy: { id: 'asc' }, take: 100 }),
    db.source.findMany({ where: { status: 'active', failureReportedAt: null, failingSince: { lte: new Date(now.getTime() - failingReportAfterMs) } }, orderBy: { id: 'asc' } }),
  ]);
  if (candidates.length === 0 && failing.length === 0) return none;
  // Claim the hour: of several instances, the one whose conditional write lands sends.
  const stamp = now.toISOString();
  if (last) {
    const won = await db.meta.updateMany({ where: { key: metaKey, value: last.value }, data: { value: stamp, updatedAt: now } });
    if (won.count === 0) return none;
  } else {
    try {
      await db.meta.create({ data: { key: metaKey, value: stamp, updatedAt: now } });
    } catch {
      return none;
    }
  }
  try {
    await mailer.send({ from: options.from, to: options.to, email: adminEmail(candidates, failing, options.from, now) });
  } catch (error) {
    // Not sent: give the hour back, so the next tick tries again.
    if (last) await db.meta.update({ where: { key: metaKey }, data: { value: last.value, updatedAt: now } });
    else await db.meta.delete({ where: { key: metaKey } });
    throw error;
  }
  await db.$transaction([
    db.inboxItem.updateMany({ where: { id: { in: candidates.map((c) => c.id) } }, data: { notifiedAt: now } }),
    db.source.updateMany({ where: { id: { in: failing.map((s) => s.id) } }, data: { failureReportedAt: now } }),
  ]);
  return { sent: true, candidates: candidates.length, failing: failing.length };
}

type Candidate = Awaited<ReturnType<Db['inboxItem']['findMany']>>[number];
type FailingSource = Awaited<ReturnType<Db['source']['findMany']>>[number];

function adminEmail(candidates: Candidate[], failing: FailingSource[], from: string, now: Date) {
  const lines: string[] = [];
  if (candidates.length > 0) {
    lines.push(`${candidates.length} new deadline candidate(s) found in watched feeds:`, '');
    for (const c of candidates) {
      lines.push(
        `#${c.id}  ${c.title}`,
        `  ${describeDue({ instant: c.dueAt, zone: c.zone, precision: c.precision as Precision }, { at: now, label: 'from now' })}`,
        `  Demand: by ${c.demandedBy || '?'} of ${c.demandedOf || '?'}`,
        `  Evidence: ${c.evidence}`,
        `  From: ${c.itemTitle} ${c.itemUrl}`,
        `  Accept: docket inbox accept ${c.id}${c.issueSlug ? '' : ' --issue SLUG'}    Dismiss: docket inbox dismiss ${c.id} --reason "…"`,
        '',
      );
    }
  }
  if (failing.length > 0) {
    lines.push(`${failing.length} watched feed(s) failing for more than 24 hours:`, '');
    for (const s of failing) lines.push(`source ${s.id} ${s.name} (${s.url}): ${s.lastError ?? 'failing'} — since ${s.failingSince?.toISOString()}, ${s.failures} poll(s) in a row`, '');
    lines.push('See `docket source list`; `docket source pause <id>` stops polling a feed that has moved.');
  }
  const text = lines.join('\n');
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const host = /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost';
  const messageId = `<sources-${now.getTime()}-${randomUUID()}@${host}>`;
  const subject = candidates.length > 0 ? `Docket: ${candidates.length} new deadline candidate(s) to review` : `Docket: ${failing.length} watched feed(s) failing`;
  return { subject, text, html: `<pre style="font-family:inherit;white-space:pre-wrap">${escape(text)}</pre>`, headers: {}, messageId, attachments: [] };
}
