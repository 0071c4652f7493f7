// The CLI's commands as commander knows them, so a property covers every command, including ones added
// later, and a generator of argument lists for them: values picked by what the argument is for (a zone
// gets zones, a date gets edge dates), mixed with hostile text, unknown options and stray arguments.
import type { Command } from 'commander';
import fc from 'fast-check';
import { buildProgram } from '../../../src/cli/main.js';
import { oddDate, oddEmail, oddNumber, oddText, oddZone } from './odd-input.js';

export interface CliCommand {
  /** `['deadline', 'add']` */
  path: string[];
  args: Array<{ name: string; required: boolean }>;
  options: Array<{ flag: string; takesValue: boolean; mandatory: boolean }>;
}

/**
 * Commands a property may run with random arguments. Left out: `serve` runs until stopped, and commands
 * that write to a path they are given (`export --output`, `db backup`/`restore`) are tested by their
 * owners with files of their own; random paths would litter the checkout.
 */
const notFuzzed = [/^serve$/, /^db (backup|restore)\b/];
const notFuzzedOptions = new Set(['--output']);

export function cliCommands(program: Command = buildProgram()): CliCommand[] {
  const found: CliCommand[] = [];
  const visit = (command: Command, path: string[]) => {
    if (command.commands.length > 0) {
      for (const sub of command.commands) visit(sub, [...path, sub.name()]);
      return;
    }
    if (notFuzzed.some((pattern) => pattern.test(path.join(' ')))) return;
    found.push({
      path,
      args: command.registeredArguments.map((arg) => ({ name: arg.name(), required: arg.required })),
      options: command.options
        .filter((option) => option.long !== undefined && !notFuzzedOptions.has(option.long))
        .map((option) => ({ flag: option.long!, takesValue: option.required || option.optional, mandatory: option.mandatory })),
    });
  };
  visit(program, []);
  return found;
}

export interface Seeded {
  slugs: string[];
  ids: string[];
  emails: string[];
}

/** A value for an argument or option, chosen by its name: plausible ones mixed with odd ones. */
export function valueFor(name: string, seeded: Seeded): fc.Arbitrary<string> {
  const known = (values: string[], odd: fc.Arbitrary<string>) => fc.oneof(fc.constantFrom(...values), odd);
  const field = name.replace(/^-+/, '');
  if (/^(issue|issue-slug|slug)$/.test(field)) return known([...seeded.slugs, 'fresh-issue', 'nope'], fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,70}$/), oddText));
  if (/^(id|deadline)$/.test(field)) return known(seeded.ids, oddNumber);
  if (field === 'email') return known(seeded.emails, oddEmail);
  if (field === 'zone') return oddZone;
  if (/^(due|announced|due-before|due-after|now|from|to)$/.test(field)) return oddDate;
  if (field === 'status') return known(['open', 'closed', 'all', 'resolved', 'pending', 'extended', 'met', 'missed', 'withdrawn', 'failed', 'sent'], oddText);
  if (field === 'delivery') return known(['immediate', 'daily', 'weekly', 'hourly'], oddText);
  if (field === 'weekday') return known(['mon', 'Sunday', 'sun', 'funday', '7'], oddText);
  if (field === 'reminders') return known(['7d,1d,due,overdue', 'all', 'none', '1d,due', '2d', '7d,,due'], oddText);
  if (field === 'format') return known(['json', 'csv', 'xml'], oddText);
  if (field === 'offsets') return known(['7d,1d,0d', 'none', 'default', '1w', 'P7D', '3 months', '-1d', '0d,0d', '999999999d', 'PT0S'], oddText);
  if (field === 'source') return known(['https://example.org/a', 'http://', 'ftp://example.org/a', 'javascript:alert(1)', `https://example.org/${'a'.repeat(3000)}`], oddText);
  if (field === 'limit') return oddNumber;
  // Import reads what it is given: files that do not exist, a directory, a JSON file of the wrong shape.
  if (field === 'file') return fc.constantFrom('does-not-exist.json', 'missing.csv', '.', 'package.json', 'tsconfig.json', '');
  return oddText;
}

/** One argument list for one of `commands`: its path, its positionals, some of its options, and noise. */
export function cliArguments(commands: CliCommand[], seeded: Seeded): fc.Arbitrary<string[]> {
  return fc.constantFrom(...commands).chain((command) => {
    const positionals = command.args.map((arg) => (arg.required ? valueFor(arg.name, seeded) : fc.option(valueFor(arg.name, seeded), { nil: undefined })));
    const options = command.options.map((option) => {
      const given: fc.Arbitrary<string[]> = option.takesValue ? valueFor(option.flag, seeded).map((value) => [option.flag, value]) : fc.constant([option.flag]);
      // Mandatory options are usually given, so most runs get past commander to the use case.
      return option.mandatory ? fc.oneof({ weight: 9, arbitrary: given }, { weight: 1, arbitrary: fc.constant<string[]>([]) }) : fc.option(given, { nil: [], freq: 2 });
    });
    const noise = fc.oneof(
      { weight: 8, arbitrary: fc.constant<string[]>([]) },
      { weight: 1, arbitrary: fc.constantFrom(['--colour', 'red'], ['--'], ['extra'], ['-x'], ['--json=yes'], ['--title']) },
      { weight: 1, arbitrary: oddText.map((text) => [text]) },
    );
    return fc.tuple(fc.tuple(...positionals), fc.tuple(...options), noise).map(([args, opts, extra]) => [
      ...command.path,
      ...args.filter((arg): arg is string => arg !== undefined),
      ...opts.flat(),
      ...extra,
    ]);
  });
}

/** The options of the command an argument list runs (for checking that a refusal names one of them). */
export function flagsOf(commands: CliCommand[], args: readonly string[]): string[] {
  const command = commands.find((c) => c.path.every((part, i) => args[i] === part));
  return command ? [...command.options.map((o) => o.flag), ...command.args.map((a) => `<${a.name}>`)] : [];
}

/** `docket doctor` exits 1 when a check fails: that is its answer, not a crash. */
export function exitCodesOf(args: readonly string[]): number[] {
  return args[0] === 'doctor' ? [0, 1, 2] : [0, 2];
}
