// `docket alerts …`: look into the outbox — what is coming, what went, what failed and why.
import { invalid, notFound } from '../../errors.js';
import { engineSettings } from '../../engine/engine-config.js';
import { previewAlerts } from '../../engine/preview-alerts.js';
import { countPrunable, pruneAlerts } from '../../engine/prune-alerts.js';
import { readInstant } from '../../time/read-due.js';
import { isoInZone } from '../../time/format.js';
import { latestInstant } from '../../time/instant-range.js';
import { withCliContext } from '../context.js';
import { alertStatuses } from '../../domain/vocabulary.js';

const statuses: readonly string[] = alertStatuses;

export async function preview(options: { from?: string; to?: string; json?: boolean }): Promise<void> {
  await withCliContext(async ({ config, clock, store, out }) => {
    const now = clock.now();
    const zone = config.defaultZone;
    const from = options.from === undefined ? now : readInstant(options.from, { now, zone, field: 'from' });
    // The default window stops at the last accepted instant: a --from late in 9999 ran into year 10000 (exit 1).
    const to = options.to === undefined ? new Date(Math.min(from.getTime() + 30 * 86_400_000, latestInstant.getTime())) : readInstant(options.to, { now, zone, field: 'to' });
    if (to < from) throw invalid('to', options.to, `is before --from (${from.toISOString()})`);
    const items = await previewAlerts(store.db, { from, to }, engineSettings(config));
    if (options.json) {
      out.json(items.map((item) => ({ ...item, sendAt: item.sendAt.toISOString() })));
      return;
    }
    if (items.length === 0) {
      out.note(`Nothing would be sent between ${from.toISOString()} and ${to.toISOString()}.`);
      return;
    }
    out.table(
      ['send at (UTC)', 'to', 'delivery', 'what', 'issue', 'deadline', 'state'],
      items.map((item) => [isoInZone(item.sendAt, 'UTC'), item.email, item.delivery, item.milestone, item.issueSlug ?? '', item.deadlineTitle ?? '', item.state]),
    );
  });
}

export async function list(options: { status?: string; limit: string; json?: boolean }): Promise<void> {
  if (options.status !== undefined && !statuses.includes(options.status)) throw invalid('status', options.status, `is not one of: ${statuses.join(', ')}`);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw invalid('limit', options.limit, 'must be a whole number from 1 to 100000');
  await withCliContext(async ({ store, out }) => {
    const rows = await store.db.alert.findMany({
      where: options.status ? { status: options.status } : {},
      include: { subscriber: { select: { email: true } }, deadline: { select: { title: true } } },
      orderBy: [{ sendAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    if (options.json) {
      out.json(rows.map((row) => ({
        id: row.id, key: row.key, status: row.status, kind: row.kind, milestone: row.milestone, to: row.subscriber.email,
        deadlineId: row.deadlineId, deadline: row.deadline?.title ?? null, sendAt: row.sendAt.toISOString(), attempts: row.attempts,
        nextAttemptAt: row.nextAttemptAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null, late: row.lateSince !== null,
        messageId: row.messageId, lastError: row.lastError,
      })));
      return;
    }
    if (rows.length === 0) {
      out.note(options.status ? `No ${options.status} alerts.` : 'No alerts yet.');
      return;
    }
    out.table(
      ['id', 'status', 'send at (UTC)', 'to', 'what', 'deadline', 'tries', 'note'],
      rows.map((row) => [row.id, row.status, isoInZone(row.sendAt, 'UTC'), row.subscriber.email, row.milestone, row.deadline?.title ?? '', row.attempts, row.lastError ?? (row.lateSince ? 'sent late' : '')]),
    );
  });
}

export async function retry(id: string | undefined, options: { failed?: boolean; json?: boolean }): Promise<void> {
  if ((id === undefined) === !options.failed) throw invalid('arguments', id ?? '', 'give either an alert id or --failed');
  // Ids past 2^53 (or 2^63, the column) used to reach the database and fail there with exit 1.
  if (id !== undefined && !(/^\d{1,15}$/.test(id) && Number(id) >= 1)) throw invalid('alertId', id, 'must be an alert id (a whole number, as shown by `docket alerts list`)');
  await withCliContext(async ({ clock, store, out }) => {
    const now = clock.now();
    const where = id === undefined ? { status: 'failed' } : { id: Number(id) };
    if (id !== undefined) {
      const alert = await store.db.alert.findUnique({ where: { id: Number(id) }, select: { status: true } });
      if (!alert) throw notFound('alert', id);
      if (alert.status !== 'failed') throw invalid('alertId', id, `is ${alert.status}, not failed; only failed alerts are retried`);
    }
    // A fresh attempt budget; the last error stays visible until the next attempt replaces it.
    const { count } = await store.db.alert.updateMany({ where, data: { status: 'scheduled', attempts: 0, nextAttemptAt: now, updatedAt: now } });
    if (options.json) out.json({ retried: count });
    else out.line(`${count} alert(s) will be sent at the next tick.`);
  });
}

export async function prune(options: { dryRun?: boolean; json?: boolean }): Promise<void> {
  await withCliContext(async ({ config, clock, store, out }) => {
    const now = clock.now();
    const { keepAlertsMs } = engineSettings(config);
    const before = new Date(now.getTime() - keepAlertsMs);
    const count = options.dryRun ? await countPrunable(store.db, now, keepAlertsMs) : await pruneAlerts(store.db, now, keepAlertsMs);
    if (options.json) out.json({ dryRun: options.dryRun === true, [options.dryRun ? 'prunable' : 'pruned']: count, olderThan: before.toISOString(), keep: config.reminders.keepAlerts });
    else if (options.dryRun) out.line(`${count} alert row(s) finished before ${before.toISOString()} would be deleted (DOCKET_KEEP_ALERTS=${config.reminders.keepAlerts}); nothing was changed.`);
    else out.line(`Deleted ${count} alert row(s) finished before ${before.toISOString()} (DOCKET_KEEP_ALERTS=${config.reminders.keepAlerts}).`);
  });
}
