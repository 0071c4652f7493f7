import type { Command } from 'commander';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database migrations and backups');
  db.command('migrate')
    .description('apply pending migrations (also done automatically on start)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => (await import('../actions/db.js')).migrate(options));
  db.command('status')
    .description('show applied and pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => (await import('../actions/db.js')).status(options));
  db.command('backup')
    .description('copy the SQLite database to <file> while Docket runs, then verify the copy (PostgreSQL: use pg_dump)')
    .argument('<file>', 'where to write the copy')
    .option('--force', 'overwrite <file> if it exists')
    .option('--json', 'machine-readable output')
    .action(async (file: string, options: { force?: boolean; json?: boolean }) => (await import('../actions/db.js')).backup(file, options));
}
