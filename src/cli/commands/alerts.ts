import type { Command } from 'commander';

export function registerAlertsCommands(program: Command): void {
  const alerts = program.command('alerts').description('the outbox: what was and will be sent');
  alerts
    .command('preview')
    .description('list what would be sent to whom and when, without sending')
    .option('--from <when>', 'start of the window (ISO or a phrase; default now)')
    .option('--to <when>', 'end of the window (ISO or a phrase such as "in 30 days"; default 30 days from --from)')
    .option('--json', 'machine-readable output')
    .action(async (options: { from?: string; to?: string; json?: boolean }) => (await import('../actions/alerts.js')).preview(options));
  alerts
    .command('list')
    .description('list alerts by status')
    .option('--status <status>', 'scheduled, sending, sent, failed, skipped or digested (default: all)')
    .option('--limit <n>', 'at most this many, newest first', '100')
    .option('--json', 'machine-readable output')
    .action(async (options: { status?: string; limit: string; json?: boolean }) => (await import('../actions/alerts.js')).list(options));
  alerts
    .command('retry')
    .description('send failed alerts again at the next tick')
    .argument('[id]', 'one alert id')
    .option('--failed', 'every failed alert')
    .option('--json', 'machine-readable output')
    .action(async (id: string | undefined, options: { failed?: boolean; json?: boolean }) => (await import('../actions/alerts.js')).retry(id, options));
  alerts
    .command('prune')
    .description('delete sent, skipped and failed alert rows older than DOCKET_KEEP_ALERTS (default P400D); the scheduler does this a batch per tick')
    .option('--dry-run', 'only count them')
    .option('--json', 'machine-readable output')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => (await import('../actions/alerts.js')).prune(options));
}
