// `docket tick`: the scheduler's one unit of work, run once. System cron, replays of past cases
// (`--now 2020-05-30T09:00:00+09:00`) and tests call exactly what `docket serve` calls on each fire.
import { parseInstant } from '../../clock.js';
import { engineSettings } from '../../engine/engine-config.js';
import { previewAlerts } from '../../engine/preview-alerts.js';
import { runTick } from '../../engine/run-tick.js';
import { createLogger } from '../../log.js';
import { createMailer } from '../../mail/transport.js';
import { legacySecretFile, loadLinkSecret } from '../../store/link-secret.js';
import { isoInZone } from '../../time/format.js';
import { checkInstantRange } from '../../time/instant-range.js';
import { withCliContext } from '../context.js';
import { tickSummary } from '../tick-summary.js';

export async function tick(options: { now?: string; dryRun?: boolean; json?: boolean }): Promise<void> {
  await withCliContext(async ({ config, clock, store, out }) => {
    const now = options.now === undefined ? clock.now() : checkInstantRange(parseInstant(options.now, 'now'), 'now', options.now);
    const settings = engineSettings(config);
    if (options.dryRun) {
      const due = (await previewAlerts(store.db, { from: new Date(0), to: now }, settings, now)).filter((item) => item.delivery === 'immediate' || item.kind === 'digest');
      if (options.json) out.json({ now: now.toISOString(), dryRun: true, due });
      else {
        out.line(`Dry run at ${now.toISOString()}: ${due.length} alert(s) would be sent (nothing was changed).`);
        if (due.length > 0) out.table(['send at', 'to', 'what', 'deadline'], due.map((item) => [isoInZone(item.sendAt, 'UTC'), item.email, item.milestone, item.deadlineTitle ?? '']));
      }
      return;
    }
    const log = createLogger(config.logLevel);
    const mailer = createMailer(config.mail, (entry) => log.info({ mail: entry }, 'logged instead of sent'));
    try {
      const result = await runTick({
        now,
        clock,
        db: store.db,
        mailer,
        settings,
        secret: await loadLinkSecret(store.db, { configured: config.web.secret, legacyFile: legacySecretFile(config.dataDir), now }),
        onFailure: (report) => log.warn({ alert: report.alert.key, outcome: report.outcome, error: report.detail }, 'alert not delivered'),
      });
      // The summary below is the report; the log line would say the same again, so only at debug.
      log.debug({ tick: result }, 'tick');
      if (options.json) out.json(result);
      else {
        out.line(tickSummary(result));
        if (mailer.kind === 'outbox' && result.sent > 0) out.note(`Messages were written to ${config.mail.outboxDir} (set SMTP_URL to send them).`);
      }
      // Watched feeds (issue 13): their own step after the alerts; reported on stderr, so stdout stays the tick's.
      const { runSourcesStep } = await import('../../sources/sources-step.js');
      const sources = await runSourcesStep(store.db, mailer, config, { now });
      if (sources.polled > 0) out.note(`Sources: polled ${sources.polled}, not changed ${sources.notModified}, failed ${sources.failed}, new candidates ${sources.candidates}.`);
      if (sources.admin?.sent) out.note(`Told ${config.mail.adminEmail} of ${sources.admin.candidates} candidate(s) and ${sources.admin.failing} failing feed(s).`);
    } finally {
      mailer.close();
    }
  });
}
