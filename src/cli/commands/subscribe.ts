import type { Command } from 'commander';

export function registerSubscribeCommands(program: Command): void {
  const action = () => import('../actions/subscribe.js');

  program
    .command('subscribe <email> <issue-slug>')
    .description('make a subscriber follow an issue (or one of its deadlines); running it twice is harmless')
    .option('--deadline <id>', 'follow only this deadline of the issue')
    .option('--json', 'print the subscription as JSON')
    .action(async (email: string, slug: string, options) => (await action()).subscribe(email, slug, options));

  program
    .command('unsubscribe <email> <issue-slug>')
    .description('stop a subscriber following an issue (or, with --deadline, one deadline)')
    .option('--deadline <id>', 'the deadline subscription to end')
    .option('--json', 'machine-readable output')
    .action(async (email: string, slug: string, options) => (await action()).unsubscribe(email, slug, options));
}
