import type { Command } from 'commander';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database migrations');
  db.command('migrate')
    .description('apply pending migrations (also done automatically on start)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => (await import('../actions/db.js')).migrate(options));
  db.command('status')
    .description('show applied and pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => (await import('../actions/db.js')).status(options));
}
