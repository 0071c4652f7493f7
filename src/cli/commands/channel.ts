import type { Command } from 'commander';

export function registerChannelCommands(program: Command): void {
  const channel = program.command('channel').description('webhooks, Slack and Microsoft Teams channels that follow issues');
  const action = () => import('../actions/channel.js');

  channel
    .command('add <name>')
    .description('add a channel (a webhook\'s signing secret is shown once)')
    .option('--kind <kind>', 'webhook (signed JSON), slack (incoming webhook) or teams (Workflows webhook)')
    .option('--url <url>', 'the http(s) URL to POST to')
    .option('--zone <iana>', 'the zone its morning reminders are timed in (default: DOCKET_DEFAULT_ZONE)')
    .option('--events <list>', 'only these types, comma-separated (deadline.created, deadline.extended, deadline.resolved, deadline.reminder, deadline.overdue, issue.note), or all', 'all')
    .option('--reminders <list>', 'which reminders it gets: 7d,1d,due,overdue (any of them), all or none', 'all')
    .option('--json', 'print the channel (and its secret) as JSON')
    .action(async (name: string, options) => (await action()).addChannel(name, options));

  channel
    .command('list')
    .description('every channel, its health and what it follows')
    .option('--json', 'machine-readable output')
    .action(async (options) => (await action()).listChannels(options));

  channel
    .command('show <name>')
    .description('one channel: kind, host, zone, events, health, subscriptions')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options) => (await action()).showChannel(name, options));

  channel
    .command('remove <name>')
    .description('delete a channel with its subscriptions and unsent alerts')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options) => (await action()).removeChannel(name, options));

  channel
    .command('test <name>')
    .description('send a channel.test message now and report the answer (exit 1 unless 2xx)')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options) => (await action()).testChannel(name, options));

  channel
    .command('enable <name>')
    .description('enable a channel that was disabled (410 Gone, or 20 failures in a row)')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options) => (await action()).enableChannel(name, options));

  channel
    .command('rotate-secret <name>')
    .description('give a webhook channel a new secret (shown once); the old one is also signed with for 24 h')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options) => (await action()).rotateSecret(name, options));
}
