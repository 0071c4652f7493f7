import type { Command } from 'commander';

export function registerTransferCommands(program: Command): void {
  const action = () => import('../actions/transfer.js');

  program
    .command('import <file>')
    .description('load issues, deadlines and subscribers from a JSON or CSV file (- for stdin), at most DOCKET_IMPORT_MAX_MB (default 50); all or nothing, and what is already there is skipped')
    .option('--dry-run', 'check every row and say what would be created, writing nothing')
    .option('--format <format>', 'json or csv (default: from the file name, else from its content)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options) => (await action()).importFile(file, options));

  program
    .command('export')
    .description('write every issue, deadline and subscriber in the format `docket import` reads')
    .option('--format <format>', 'json or csv (default: from the --output name, else json)')
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (options) => (await action()).exportRecords(options));
}
