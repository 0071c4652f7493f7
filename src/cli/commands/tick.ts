import type { Command } from 'commander';

export function registerTickCommand(program: Command): void {
  program
    .command('tick')
    .description('run the scheduler once: plan, then send everything due up to now (for system cron, replays and tests)')
    .option('--now <instant>', 'act as if it were this ISO 8601 instant (e.g. 2020-05-30T09:00:00+09:00)')
    .option('--dry-run', 'show what would be sent now; change nothing, send nothing')
    .option('--json', 'machine-readable output')
    .action(async (options: { now?: string; dryRun?: boolean; json?: boolean }) => (await import('../actions/tick.js')).tick(options));
}
