// `docket` entry point: parses arguments with commander and maps every outcome to an exit code in one
// place — 0 success, 2 usage or validation error, 1 anything else. Command modules load their heavy
// dependencies (Prisma, mail) only when they run.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isAppError } from '../errors.js';
import { registerCommands } from './commands/index.js';
import { withCommandHint } from './command-hint.js';
import { cliMessage } from './field-names.js';

export function buildProgram(): Command {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const program = new Command('docket')
    .description('Track government demands and their deadlines; email the people who follow them.')
    .version(pkg.version, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`docket: ${withCommandHint(text.replace(/^error: /, ''))}`) });
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2;
  }
  if (isAppError(error)) {
    process.stderr.write(`docket: ${cliMessage(error)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`docket: unexpected error: ${firstLine(message)}\n`);
  if (process.env.DOCKET_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else process.stderr.write('docket: set DOCKET_DEBUG=1 for details\n');
  return 1;
}

function firstLine(text: string): string {
  const lines = text.trim().split('\n').filter((line) => line.trim() !== '');
  return lines.at(-1) ?? text;
}
