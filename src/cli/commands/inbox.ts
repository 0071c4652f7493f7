import type { Command } from 'commander';
import { collect } from './issue.js';

export function registerInboxCommands(program: Command): void {
  const inbox = program.command('inbox').description('deadlines found in watched feeds, waiting for review');
  const action = () => import('../actions/inbox.js');
  inbox
    .command('list')
    .description('candidates, oldest first')
    .option('--status <status>', 'new, accepted, dismissed or linked', 'new')
    .option('--json', 'machine-readable output')
    .action(async (options) => (await action()).listInbox(options));
  inbox
    .command('show <id>')
    .description('one candidate with its evidence')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options) => (await action()).showInbox(id, options));
  inbox
    .command('accept <id>')
    .description('make the candidate a deadline (the feed item\'s URL becomes its source); any field can be changed')
    .option('--issue <slug>', 'the issue (default: the source\'s)')
    .option('--issue-title <text>', 'create the issue with this title when it does not exist')
    .option('--title <text>', 'what is demanded')
    .option('--due <expression>', 'the date, read relative to the announcement')
    .option('--zone <iana>', 'IANA time zone the date is set in')
    .option('--by <party>', 'who makes the demand')
    .option('--to <party>', 'who the demand is addressed to')
    .option('--source <url>', 'another source link (repeatable)', collect)
    .option('--offsets <list>', 'reminder offsets for this deadline (7d,1d,0d), or none')
    .option('--json', 'print the saved deadline as JSON')
    .action(async (id: string, options) => (await action()).acceptInbox(id, options));
  inbox
    .command('dismiss <id>')
    .description('set the candidate aside; it is never proposed again')
    .option('--reason <text>', 'why, kept with it')
    .option('--json', 'print the candidate as JSON')
    .action(async (id: string, options) => (await action()).dismissInbox(id, options));
}
