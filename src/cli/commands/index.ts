// Every command group, registered in the order `docket --help` lists them. Keep these modules light:
// they declare arguments and import their actions lazily.
import type { Command } from 'commander';
import { registerDbCommands } from './db.js';
import { registerDeadlineCommands } from './deadline.js';
import { registerDoctorCommand } from './doctor.js';
import { registerIssueCommands } from './issue.js';
import { registerSubscribeCommands } from './subscribe.js';
import { registerSubscriberCommands } from './subscriber.js';
import { registerServeCommand } from './serve.js';
import { registerTickCommand } from './tick.js';
import { registerAlertsCommands } from './alerts.js';
import { registerTransferCommands } from './transfer.js';

export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerIssueCommands(program);
  registerDeadlineCommands(program);
  registerSubscriberCommands(program);
  registerSubscribeCommands(program);
  registerTransferCommands(program);
  registerTickCommand(program);
  registerAlertsCommands(program);
  registerDbCommands(program);
  registerDoctorCommand(program);
}
