// What the scheduler does for watched sources after each alert tick: poll what is due, then tell the
// admin (at most hourly) what was found and which feeds have been failing for a day.
import type { Config } from '../config/load-config.js';
import type { Mailer } from '../mail/transport.js';
import type { Db } from '../store/open-store.js';
import { notifyAdmin, type AdminNotice } from './notify-admin.js';
import { pollDueSources, type SourceStepResult } from './poll-due-sources.js';

export async function runSourcesStep(db: Db, mailer: Mailer, config: Config, options: { now: Date; signal?: AbortSignal; onError?: (sourceId: number, error: unknown) => void }): Promise<SourceStepResult & { admin: AdminNotice | null }> {
  const polled = await pollDueSources(db, { now: options.now, defaultZone: config.defaultZone, ...(options.signal ? { signal: options.signal } : {}), ...(options.onError ? { onError: options.onError } : {}) });
  const admin = config.mail.adminEmail ? await notifyAdmin(db, mailer, { now: options.now, to: config.mail.adminEmail, from: config.mail.from }) : null;
  return { ...polled, admin };
}
