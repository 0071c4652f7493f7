import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run Docket: apply migrations, then the scheduler and the web server (what `npm start` runs)')
    .option('--no-scheduler', 'do not run the scheduler in this process (DOCKET_SCHEDULER=false)')
    .option('--no-web', 'do not run the web server in this process (DOCKET_WEB=false)')
    .addHelpText('after', `
Configured by the environment (or a .env in the working directory); the ones most set:
  DATABASE_URL, PORT, DOCKET_HOST, BASE_URL (default: http://localhost:$PORT), SMTP_URL, MAIL_FROM,
  DOCKET_CRON, DOCKET_SECRET. Every variable: .env.example and docs/production.md. Check a setup with
  \`docket doctor\`.`)
    .action(async (options: { scheduler: boolean; web: boolean }) => (await import('../actions/serve.js')).serve(options));
}
