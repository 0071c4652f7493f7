import type { Command } from 'commander';

export function registerSubscriberCommands(program: Command): void {
  const subscriber = program.command('subscriber').description('people who get reminders');
  const action = () => import('../actions/subscriber.js');

  subscriber
    .command('add <email>')
    .description('add a subscriber (confirmed at once: an admin vouches for the address)')
    .option('--zone <iana>', 'their IANA time zone, for the hour reminders arrive (default: DOCKET_DEFAULT_ZONE, UTC unless set)')
    .option('--delivery <mode>', 'immediate (one email per alert), daily or weekly (a digest)', 'immediate')
    .option('--weekday <day>', 'the day weekly digests go out: mon, tue, wed, thu, fri, sat or sun (default mon)')
    .option('--reminders <list>', 'which reminders: any of 7d,1d,due,overdue, or all, or none (default all)')
    .option('-y, --yes', 'save even when --zone is a legacy zone such as EST')
    .option('--json', 'print the subscriber as JSON')
    .action(async (email: string, options) => (await action()).addSubscriber(email, options));

  subscriber
    .command('update <email>')
    .description('change a subscriber\'s zone, delivery or reminders, or confirm them')
    .option('--zone <iana>', 'their IANA time zone, e.g. America/New_York')
    .option('--delivery <mode>', 'immediate, daily or weekly')
    .option('--weekday <day>', 'the day weekly digests go out: mon … sun')
    .option('--reminders <list>', 'which reminders: any of 7d,1d,due,overdue (e.g. 1d,due), or all, or none')
    .option('-y, --yes', 'save even when --zone is a legacy zone such as EST')
    .option('--confirm', 'mark the address confirmed')
    .option('--json', 'print the subscriber as JSON')
    .action(async (email: string, options) => (await action()).updateSubscriber(email, options));

  subscriber
    .command('list')
    .description('every subscriber and what they follow')
    .option('--json', 'machine-readable output')
    .action(async (options) => (await action()).listSubscribers(options));

  subscriber
    .command('rotate-links <email>')
    .description('revoke a subscriber\'s manage, unsubscribe and calendar links (their next email brings new ones)')
    .option('--json', 'print the subscriber as JSON')
    .action(async (email: string, options) => (await action()).rotateLinks(email, options));

  subscriber
    .command('remove <email>')
    .description('delete a subscriber with their subscriptions and unsent alerts')
    .option('--json', 'print the removed subscriber as JSON')
    .action(async (email: string, options) => (await action()).removeSubscriber(email, options));
}
