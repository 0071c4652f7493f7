// Sends what was claimed, outside any transaction, and records each outcome against the claim token:
// sent only after the SMTP server accepted; transient failures back off and retry; 5xx fail for good.
// A sender that dies mid-batch leaves its claims to expire, and the next tick sends them again (with the
// same Message-ID, so the rare duplicate is recognisable).
import { renderAlert, renderDigest } from '../mail/render-alert.js';
import { failureText, isPermanentFailure, type Mailer } from '../mail/transport.js';
import type { Db } from '../store/open-store.js';
import { loadAlertView, loadDigestView } from './alert-views.js';
import { confirmTtlMs, loadConfirmEmail } from './confirm-alerts.js';
import type { ClaimedAlert } from './claim-alerts.js';
import type { EngineSettings } from './engine-config.js';
import { retryDelayMs } from './retry-backoff.js';

export type Outcome = 'sent' | 'failed' | 'retry' | 'skipped';

export interface DeliveryReport {
  outcome: Outcome;
  alert: ClaimedAlert;
  detail?: string;
}

export interface DeliverOptions {
  db: Db;
  mailer: Mailer;
  now: Date;
  settings: EngineSettings;
  secret: string;
  random?: () => number;
}

export async function deliverAlert(alert: ClaimedAlert, options: DeliverOptions): Promise<DeliveryReport> {
  const { db, mailer, now, settings } = options;
  const ctx = { links: { baseUrl: settings.baseUrl }, secret: options.secret, now, from: settings.from, templatesDir: settings.templatesDir, host: settings.host };
  let email;
  let to: string;
  if (alert.kind === 'confirm') {
    const loaded = await loadConfirmEmail(db, alert, { ...ctx, confirmTtlMs });
    if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
    email = loaded.email;
    to = loaded.to;
  } else if (alert.kind === 'digest') {
    const previous = await db.alert.findFirst({
      where: { kind: 'digest', subscriberId: alert.subscriberId, sendAt: { lt: alert.sendAt } },
      orderBy: { sendAt: 'desc' },
      select: { sendAt: true },
    });
    const loaded = await loadDigestView(db, alert, now, previous?.sendAt ?? null);
    if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
    for (const item of loaded.skipped) {
      await db.alert.update({ where: { id: item.id }, data: { status: 'skipped', lastError: item.reason, updatedAt: now } });
    }
    email = renderDigest(loaded.view, ctx);
    to = loaded.view.subscriber.email;
  } else {
    const loaded = await loadAlertView(db, alert, now);
    if ('skip' in loaded) return finish(options, alert, { outcome: 'skipped', alert, detail: loaded.skip });
    email = renderAlert(loaded.view, ctx);
    to = loaded.view.subscriber.email;
  }
  try {
    const result = await mailer.send({ from: settings.from, to, email });
    return finish(options, alert, { outcome: 'sent', alert, detail: result.response }, email.messageId);
  } catch (error) {
    const detail = failureText(error);
    if (isPermanentFailure(error) || alert.attempts >= settings.maxAttempts) return finish(options, alert, { outcome: 'failed', alert, detail });
    return finish(options, alert, { outcome: 'retry', alert, detail });
  }
}

async function finish(options: DeliverOptions, alert: ClaimedAlert, report: DeliveryReport, messageId?: string): Promise<DeliveryReport> {
  const { db, now } = options;
  const where = { id: alert.id, claimToken: alert.claimToken, status: 'sending' };
  const base = { leaseUntil: null, claimToken: null, updatedAt: now };
  switch (report.outcome) {
    case 'sent':
      await db.alert.updateMany({ where, data: { ...base, status: 'sent', sentAt: now, messageId: messageId ?? null, lastError: null } });
      break;
    case 'skipped':
      await db.alert.updateMany({ where, data: { ...base, status: 'skipped', lastError: report.detail ?? null } });
      break;
    case 'failed':
      await db.alert.updateMany({ where, data: { ...base, status: 'failed', lastError: report.detail ?? null } });
      break;
    case 'retry':
      await db.alert.updateMany({ where, data: { ...base, status: 'scheduled', lastError: report.detail ?? null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(alert.attempts, options.settings.retryBaseMs, options.random)) } });
      break;
  }
  return report;
}

/** Sends a claimed batch with at most `settings.concurrency` messages in flight. */
export async function deliverBatch(alerts: ClaimedAlert[], options: DeliverOptions): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = [];
  let next = 0;
  const worker = async () => {
    while (next < alerts.length) {
      const alert = alerts[next++]!;
      try {
        reports.push(await deliverAlert(alert, options));
      } catch (error) {
        // A bug or a store hiccup on one alert must not stop the batch; its lease expires and it is retried.
        reports.push({ outcome: 'retry', alert, detail: `internal: ${(error as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.settings.concurrency, alerts.length)) }, worker));
  return reports;
}
