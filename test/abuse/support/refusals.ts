// What "refused properly" means for the CLI: exit 0 or 2 (never 1, never a crash); on 2 a message on
// stderr that starts with "docket: ", names the field and quotes the value, and has no stack trace.
import { quote } from '../../../src/errors.js';
import type { CliResult } from '../../support/run-cli.js';

/** Commander's own usage errors: each names the option, argument or command at fault. */
const usageErrors = /^docket: (unknown option '|unknown command '|too many arguments|missing required argument '|option '[^']+' argument missing|required option '[^']+' not specified)/;

/**
 * Everything wrong with how the CLI answered `args` (empty when it answered properly). `flags` are the
 * command's options: a message about a missing or conflicting option names it instead of a value.
 */
export function cliAnswerProblems(result: CliResult, args: readonly string[], flags: readonly string[] = [], exitCodes: readonly number[] = [0, 2]): string[] {
  const problems: string[] = [];
  if (!exitCodes.includes(result.code)) problems.push(`exit ${result.code}, expected ${exitCodes.join(' or ')}`);
  if (/^\s+at /m.test(result.stderr)) problems.push('a stack trace on stderr');
  if (result.code !== 2) return problems;
  const first = result.stderr.split('\n', 1)[0]!;
  if (!first.startsWith('docket: ')) problems.push('stderr does not start with "docket: "');
  if (result.stdout !== '') problems.push('something on stdout although the command failed');
  const named = usageErrors.test(first) || args.some((arg) => quotesValue(first, arg)) || flags.some((flag) => first.includes(flag));
  if (!named) problems.push('the message names none of the values or options given');
  return problems;
}

/** The message quotes this value back (as `quote` does: JSON, cut at 200 characters), names it as a word, or names the option. */
function quotesValue(message: string, value: string): boolean {
  if (message.includes(quote(value)) || message.includes(quote(value.trim()))) return true;
  const word = value.trim().replace(/^#/, '');
  if (word !== '' && new RegExp(`(^|[\\s"'(])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s"'),.:;])`).test(message)) return true;
  return /^--?[a-z]/.test(value) && message.includes(value.split('=', 1)[0]!);
}
