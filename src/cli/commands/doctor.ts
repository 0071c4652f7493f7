import type { Command } from 'commander';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check config, store, migrations, SMTP, the scheduler\'s last tick, the secret and BASE_URL; say what to fix (exit 1 when a check fails)')
    .option('--timeout <seconds>', 'give up on each check after this long (a hung SMTP server or database)', '10')
    .option('--json', 'machine-readable output')
    .action(async (options: { timeout: string; json?: boolean }) => (await import('../actions/doctor.js')).doctor(options));
}
