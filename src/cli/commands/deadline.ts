import type { Command } from 'commander';
import { collect } from './issue.js';

const dueHelp = `
How --due is read:
  Relative phrases ("within 30 days", "end of this month", "next Friday") count from the day of
  --announced (default: now), in --zone. Vague wording ("soon", "in the coming days") is refused.
  Every form Docket reads: docs/deadline-expressions.md

Examples:
  docket deadline add --issue jk --title "Concrete position" --announced 2020-05-12T18:38+09:00 \\
    --due "end of this month" --zone Asia/Seoul
`;
// `add` without --from needs these, as commander's requiredOption would say; with --from they are proposed.
const required: Array<[string, string]> = [['issue', '--issue <slug>'], ['title', '--title <text>'], ['due', '--due <expression>']];

export function registerDeadlineCommands(program: Command): void {
  const deadline = program.command('deadline').description('deadlines: demands with a date, and their history');
  const action = () => import('../actions/deadline.js');

  deadline
    .command('add')
    .description('record a demand with a date; shows how the date was read before saving')
    .option('--issue <slug>', 'the tracked issue it belongs to (required)')
    .option('--title <text>', 'what is demanded (required unless --from)')
    .option('--due <expression>', 'the date as stated, read relative to --announced: "end of this month", "within 30 days", 2020-05-31, 2020-05-31T17:00, 今月末までに, 이달 말까지 … (required unless --from)')
    .option('--from <file>', 'propose the demand from a news report or press release (text or HTML file, - for stdin); see deadline find')
    .option('--url <url>', 'with --from: fetch the report from this http(s) URL')
    .option('--pick <n>', 'with --from: take candidate N')
    .option('--lang <lang>', 'with --from: auto, en, ja or ko', 'auto')
    .option('--timeout <seconds>', 'with --url: how long to wait for the page', '15')
    .option('--announced <when>', 'when the demand was made (ISO date or instant; default now); --due is read from this day')
    .option('--zone <iana>', 'IANA time zone the date is set in, e.g. Asia/Seoul (default: DOCKET_DEFAULT_ZONE, UTC unless set)')
    .option('--by <party>', 'who makes the demand')
    .option('--to <party>', 'who the demand is addressed to')
    .option('--source <url>', 'an http(s) link to a source (repeatable)', collect)
    .option('--offsets <list>', 'reminder offsets for this deadline (7d,1d,0d), or none')
    .option('-y, --yes', 'save without asking, also when the deadline is already past or --zone is a legacy zone such as EST (asking happens only on a terminal; a script without --yes is refused)')
    .option('--json', 'print the saved deadline as JSON')
    .addHelpText('after', dueHelp)
    .action(async (options, command: Command) => {
      const from = options.from !== undefined || options.url !== undefined;
      for (const [key, flag] of required) if (options[key] === undefined && (key === 'issue' || !from)) command.error(`error: required option '${flag}' not specified`);
      return from ? (await import('../actions/deadline-find.js')).addDeadlineFrom(options) : (await action()).addDeadline(options);
    });

  deadline
    .command('find [file]')
    .description('propose the deadlines in a news report or press release (text or HTML file, - for stdin, or --url)')
    .option('--url <url>', 'fetch the report from this http(s) URL')
    .option('--announced <when>', 'when it was announced (default: the dateline, the page metadata, or now)')
    .option('--zone <iana>', 'zone of the announcement and its deadlines (default: the dateline city, the demanding party)')
    .option('--lang <lang>', 'auto, en, ja or ko', 'auto')
    .option('--timeout <seconds>', 'with --url: how long to wait for the page', '15')
    .option('--json', 'machine-readable output')
    .action(async (file: string | undefined, options) => (await import('../actions/deadline-find.js')).findDeadline(file, options));

  deadline
    .command('list')
    .description('deadlines, soonest first')
    .option('--issue <slug>', 'only this issue\'s')
    .option('--status <status>', 'open (pending or extended), resolved, all, pending, extended, met, missed or withdrawn', 'open')
    .option('--due-before <when>', 'due before this moment (e.g. 2020-06-01 or "end of next month")')
    .option('--due-after <when>', 'due after this moment')
    .option('--zone <iana>', 'zone for reading --due-before/--due-after (default: DOCKET_DEFAULT_ZONE, UTC unless set)')
    .option('--json', 'machine-readable output')
    .action(async (options) => (await action()).listDeadlines(options));

  deadline
    .command('show <id>')
    .description('one deadline with its history')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options) => (await action()).showDeadline(id, options));

  deadline
    .command('update <id>')
    .description('correct a deadline; --due is re-read relative to the announcement (the status is kept)')
    .option('--title <text>', 'what is demanded')
    .option('--by <party>', 'who makes the demand')
    .option('--to <party>', 'who the demand is addressed to')
    .option('--source <url>', 'source links, replacing the list (repeatable)', collect)
    .option('--due <expression>', 'the corrected date')
    .option('--zone <iana>', 'the corrected zone (alone: re-reads the current wording there)')
    .option('--offsets <list>', 'reminder offsets (7d,1d,0d), none, or default')
    .option('--json', 'print the changed deadline as JSON')
    .action(async (id: string, options) => (await action()).updateDeadline(id, options));

  deadline
    .command('extend <id>')
    .description('record a new date granted for the demand; subscribers are told')
    .requiredOption('--due <expression>', 'the new date, read relative to when the extension was announced')
    .option('--announced <when>', 'when the extension was announced (default now)')
    .option('--zone <iana>', 'zone of the new date (default: the deadline\'s)')
    .option('--note <text>', 'what was said')
    .option('-y, --yes', 'save even when the new due moment is already past or --zone is a legacy zone such as EST')
    .option('--json', 'print the changed deadline as JSON')
    .action(async (id: string, options) => (await action()).extendDeadline(id, options));

  deadline
    .command('resolve <id>')
    .description('record the outcome: met, missed or withdrawn; subscribers are told')
    .requiredOption('--status <status>', 'met, missed or withdrawn')
    .option('--note <text>', 'what happened')
    .option('--json', 'print the changed deadline as JSON')
    .action(async (id: string, options) => (await action()).resolveDeadline(id, options));
}
