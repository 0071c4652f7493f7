import type { Command } from 'commander';

/** Repeatable options (`--party A --party B`); undefined when not given, so updates can tell "unset" from "empty". */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function registerIssueCommands(program: Command): void {
  const issue = program.command('issue').description('tracked issues: the subjects people follow');
  const action = () => import('../actions/issue.js');

  issue
    .command('add <slug>')
    .description('track a new issue (slug: lower-case letters, digits and hyphens)')
    .requiredOption('--title <text>', 'what the issue is, in a line')
    .option('--summary <text>', 'a paragraph of background')
    .option('--party <name>', 'a government or body involved (repeatable)', collect)
    .option('--tag <tag>', 'a label for finding it (repeatable)', collect)
    .option('--source <url>', 'an http(s) link to a source (repeatable)', collect)
    .option('--offsets <list>', 'reminder offsets for its deadlines, e.g. 7d,1d,0d or none (default: the installation\'s)')
    .option('--json', 'print the created issue as JSON')
    .action(async (slug: string, options) => (await action()).addIssue(slug, options));

  issue
    .command('list')
    .description('list tracked issues')
    .option('--status <status>', 'open, closed or all', 'open')
    .option('--json', 'machine-readable output')
    .action(async (options) => (await action()).listIssues(options));

  issue
    .command('show <slug>')
    .description('one issue with its deadlines and history')
    .option('--json', 'machine-readable output')
    .action(async (slug: string, options) => (await action()).showIssue(slug, options));

  issue
    .command('update <slug>')
    .description('change an issue; a list option given replaces the whole list (--party "" clears it)')
    .option('--title <text>', 'new title')
    .option('--summary <text>', 'new summary')
    .option('--party <name>', 'parties (repeatable)', collect)
    .option('--tag <tag>', 'tags (repeatable)', collect)
    .option('--source <url>', 'source links (repeatable)', collect)
    .option('--offsets <list>', 'reminder offsets (7d,1d,0d), none, or default')
    .option('--json', 'print the changed issue as JSON')
    .action(async (slug: string, options) => (await action()).updateIssue(slug, options));

  issue
    .command('close <slug>')
    .description('stop tracking an issue (its history is kept)')
    .option('--note <text>', 'why')
    .option('--json', 'print the changed issue as JSON')
    .action(async (slug: string, options) => (await action()).closeIssue(slug, options));

  issue
    .command('reopen <slug>')
    .description('track a closed issue again')
    .option('--note <text>', 'why')
    .option('--json', 'print the changed issue as JSON')
    .action(async (slug: string, options) => (await action()).reopenIssue(slug, options));

  issue
    .command('note <slug> <text>')
    .description('record a status update on the issue; subscribers are told')
    .option('--json', 'print the recorded event as JSON')
    .action(async (slug: string, text: string, options) => (await action()).noteIssue(slug, text, options));
}
