// Every command group, registered in the order `docket --help` lists them. Every `docket` run registers
// all of them, so these modules stay light: they import only commander's types and each other, declare
// arguments and help, and each `.action()` loads its implementation when it runs:
//
//   const action = () => import('../actions/deadline.js');
//   group.command('list').option('--json', '…').action(async (options) => (await action()).listDeadlines(options));
//
// The bundle (scripts/bundle-cli.mjs) makes each `import()` its own chunk, so a command loads only what it
// uses. A new command: declare it in the group's file here, put the work in src/cli/actions/<group>.ts
// (or a new action file), never a static import of an action, Prisma, the mailer or the web server.
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
import { registerChannelCommands } from './channel.js';
import { registerSourceCommands } from './source.js';
import { registerInboxCommands } from './inbox.js';

export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerIssueCommands(program);
  registerDeadlineCommands(program);
  registerSubscriberCommands(program);
  registerSubscribeCommands(program);
  registerChannelCommands(program);
  registerTransferCommands(program);
  registerSourceCommands(program);
  registerInboxCommands(program);
  registerTickCommand(program);
  registerAlertsCommands(program);
  registerDbCommands(program);
  registerDoctorCommand(program);
}
