// Every command group, registered in the order `docket --help` lists them. Keep these modules light:
// they declare arguments and import their actions lazily.
import type { Command } from 'commander';
import { registerDbCommands } from './db.js';
import { registerServeCommand } from './serve.js';

export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerDbCommands(program);
}
