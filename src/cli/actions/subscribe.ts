// `docket subscribe` / `unsubscribe`: both idempotent, both exit 0 when there was nothing to do.
import { subscriptionJson } from '../../usecases/json-views.js';
import { subscribe as subscribeUseCase, unsubscribe as unsubscribeUseCase } from '../../usecases/manage-subscriptions.js';
import { AppError } from '../../errors.js';
import { withCliContext } from '../context.js';
import { writeContext } from './use-case-context.js';

interface Options {
  deadline?: string;
  channel?: string;
  json?: boolean;
}

/** `subscribe <email> <slug>`, or `subscribe --channel <name> <slug>` (the one argument is then the slug). */
function who(first: string, second: string | undefined, options: Options): { email?: string; channel?: string; slug: string } {
  if (options.channel !== undefined) {
    if (second !== undefined) throw new AppError('usage', `give --channel or an email, not both (got --channel ${JSON.stringify(options.channel)} and ${JSON.stringify(first)})`, { field: 'channel', value: options.channel });
    return { channel: options.channel, slug: first };
  }
  if (second === undefined) throw new AppError('usage', "missing required argument 'issue-slug'", { field: 'issueSlug' });
  return { email: first, slug: second };
}

export async function subscribe(first: string, second: string | undefined, options: Options): Promise<void> {
  const { email, channel, slug } = who(first, second, options);
  await withCliContext(async (ctx) => {
    const result = await subscribeUseCase(writeContext(ctx), { email, channel, issue: slug, deadline: options.deadline });
    const what = followed(result.issue.slug, result.deadlineId);
    if (options.json) ctx.out.json({ ...subscriptionJson(result.subscription, result.subscriber.email, result.issue.slug), created: result.created });
    else if (result.created) ctx.out.line(`Subscribed ${result.subscriber.email} to ${what}.`);
    else ctx.out.line(`${result.subscriber.email} is already subscribed to ${what}.`);
  });
}

export async function unsubscribe(first: string, second: string | undefined, options: Options): Promise<void> {
  const { email, channel, slug } = who(first, second, options);
  await withCliContext(async (ctx) => {
    const result = await unsubscribeUseCase(writeContext(ctx), { email, channel, issue: slug, deadline: options.deadline });
    const what = followed(result.issue.slug, result.deadlineId);
    if (options.json) {
      ctx.out.json({ email: result.subscriber.email, issue: result.issue.slug, deadline: result.deadlineId, scope: result.scope, removed: result.removed });
    } else if (result.removed) ctx.out.line(`Unsubscribed ${result.subscriber.email} from ${what}.`);
    else ctx.out.line(`${result.subscriber.email} was not subscribed to ${what}; nothing to do.`);
  });
}

function followed(slug: string, deadlineId: number | null): string {
  return deadlineId === null ? `issue ${slug}` : `deadline ${deadlineId} of issue ${slug}`;
}
