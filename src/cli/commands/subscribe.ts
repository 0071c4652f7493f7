import type { Command } from 'commander';

export function registerSubscribeCommands(program: Command): void {
  const action = () => import('../actions/subscribe.js');

  program
    .command('subscribe <email> [issue-slug]')
    .description('make a subscriber (or, with --channel, a channel) follow an issue or one of its deadlines; running it twice is harmless')
    .option('--deadline <id>', 'follow only this deadline of the issue')
    .option('--channel <name>', 'a channel follows instead of a subscriber: `docket subscribe --channel <name> <issue-slug>`')
    .option('--json', 'print the subscription as JSON')
    .action(async (email: string, slug: string | undefined, options) => (await action()).subscribe(email, slug, options));

  program
    .command('unsubscribe <email> [issue-slug]')
    .description('stop a subscriber (or, with --channel, a channel) following an issue (or, with --deadline, one deadline)')
    .option('--deadline <id>', 'the deadline subscription to end')
    .option('--channel <name>', 'the channel that stops following: `docket unsubscribe --channel <name> <issue-slug>`')
    .option('--json', 'machine-readable output')
    .action(async (email: string, slug: string | undefined, options) => (await action()).unsubscribe(email, slug, options));
}
