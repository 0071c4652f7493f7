import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run Docket: apply migrations, then run the scheduler (and the web server when enabled)')
    .action(async () => (await import('../actions/serve.js')).serve());
}
