import type { Command } from 'commander';

export function registerSourceCommands(program: Command): void {
  const source = program.command('source').description('watched feeds: Docket polls them and proposes the deadlines it finds (see inbox)');
  const action = () => import('../actions/sources.js');
  source
    .command('add <feed-url>')
    .description('watch an RSS, Atom or JSON Feed')
    .option('--name <text>', 'what to call it (default: the host)')
    .option('--issue <slug>', 'the issue its candidates are proposed for')
    .option('--keywords <list>', 'comma-separated; only items naming one are read (any case, any script), e.g. "export control,輸出管理,수출규제"')
    .option('--every <duration>', 'how often to poll, ISO 8601 (PT5M to P7D)', 'PT30M')
    .option('--lang <lang>', 'auto, en, ja or ko', 'auto')
    .option('--zone <iana>', 'zone of the announcements and their deadlines (default: what the reader finds, then DOCKET_DEFAULT_ZONE)')
    .option('--json', 'print the source as JSON')
    .action(async (url: string, options) => (await action()).addSource(url, options));
  source
    .command('list')
    .description('watched feeds with their last success, last error and next poll')
    .option('--json', 'machine-readable output')
    .action(async (options) => (await action()).listSources(options));
  source
    .command('show <id>')
    .description('one watched feed')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options) => (await action()).showSource(id, options));
  source
    .command('remove <id>')
    .description('stop watching a feed (its inbox candidates stay)')
    .action(async (id: string) => (await action()).removeSource(id));
  source
    .command('pause <id>')
    .description('stop polling a feed until resumed')
    .action(async (id: string) => (await action()).pauseSource(id, true));
  source
    .command('resume <id>')
    .description('poll a paused feed again, starting now')
    .action(async (id: string) => (await action()).pauseSource(id, false));
  source
    .command('check <id>')
    .description('poll a feed now and print what was found')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options) => (await action()).checkSource(id, options));
}
