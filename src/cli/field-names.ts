// How the CLI spells the fields errors name. Use cases and checks name a field by its neutral name (the
// API's JSON name: `due`, `dueBefore`, `demandedBy`); a terminal user typed a flag or an argument, so
// their message names that instead: `--due "next blursday" cannot be read …`. A name not listed here is
// shown as it is (an import file's own names, `row 3`, an environment variable).
import type { AppError } from '../errors.js';

const cliNames: Record<string, string> = {
  // Arguments
  slug: '<slug>',
  issueSlug: '<issue-slug>',
  id: '<id>',
  alertId: 'id',
  text: '<text>',
  email: '<email>',
  channelName: '<name>',
  feedUrl: '<feed-url>',
  file: '<file>',
  report: 'FILE',
  // Issues and deadlines
  title: '--title',
  summary: '--summary',
  parties: '--party',
  tags: '--tag',
  sources: '--source',
  offsets: '--offsets',
  issue: '--issue',
  due: '--due',
  announced: '--announced',
  zone: '--zone',
  demandedBy: '--by',
  demandedOf: '--to',
  status: '--status',
  note: '--note',
  dueBefore: '--due-before',
  dueAfter: '--due-after',
  // Subscribers, subscriptions and channels
  delivery: '--delivery',
  weekday: '--weekday',
  reminders: '--reminders',
  deadline: '--deadline',
  channel: '--channel',
  kind: '--kind',
  channelUrl: '--url',
  events: '--events',
  // Sources, the inbox and reading reports
  name: '--name',
  keywords: '--keywords',
  every: '--every',
  lang: '--lang',
  reason: '--reason',
  url: '--url',
  redirectUrl: '--url (redirect)',
  from: '--from',
  pick: '--pick',
  yes: '--yes',
  // Everything else
  now: '--now',
  to: '--to',
  limit: '--limit',
  format: '--format',
  output: '--output',
  timeout: '--timeout',
};

export function cliField(field: string): string {
  return Object.hasOwn(cliNames, field) ? cliNames[field]! : field;
}

/** The error's message as the terminal shows it. */
export function cliMessage(error: AppError): string {
  return error.messageWith(cliField);
}
