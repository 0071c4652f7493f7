// `docket subscriber …`.
import { listSubscribers as listSubscribersUseCase } from '../../usecases/read-subscribers.js';
import { subscriberJson } from '../../usecases/json-views.js';
import {
  addSubscriber as addSubscriberUseCase,
  removeSubscriber as removeSubscriberUseCase,
  updateSubscriber as updateSubscriberUseCase,
} from '../../usecases/manage-subscribers.js';
import { rotateLinksByEmail } from '../../usecases/link-keys.js';
import { confirmCautions, zoneCaution } from '../cautions.js';
import { withCliContext } from '../context.js';
import { writeContext } from './use-case-context.js';
import { reminderList } from '../../subscriber/choices.js';

interface Json {
  json?: boolean;
}

type Choices = { delivery?: string; weekday?: string; reminders?: string };

/** '(Asia/Seoul, weekly on mon, reminders 1d, due)': only what differs from the defaults beyond zone and delivery. */
function settingsText(s: { zone: string; delivery: string; weekday: string; remindersJson: string | null }): string {
  const delivery = s.delivery === 'weekly' ? `weekly on ${s.weekday}` : s.delivery;
  const reminders = s.remindersJson === null ? '' : `, reminders ${reminderList(s.remindersJson).join(', ') || 'none'}`;
  return `${s.zone}, ${delivery}${reminders}`;
}

export async function addSubscriber(email: string, options: Json & Choices & { zone?: string; yes?: boolean }): Promise<void> {
  await withCliContext(async (ctx) => {
    if (!(await confirmCautions([zoneCaution(options.zone)], { yes: options.yes, out: ctx.out }))) return ctx.out.note('Not saved.');
    const subscriber = await addSubscriberUseCase(writeContext(ctx), { email, zone: options.zone, delivery: options.delivery, weekday: options.weekday, reminders: options.reminders }, { defaultZone: ctx.config.defaultZone });
    if (options.json) ctx.out.json(subscriberJson(subscriber));
    else ctx.out.line(`Added subscriber ${subscriber.email} (${settingsText(subscriber)}), confirmed.`);
  });
}

export async function updateSubscriber(email: string, options: Json & Choices & { zone?: string; confirm?: boolean; yes?: boolean }): Promise<void> {
  await withCliContext(async (ctx) => {
    if (!(await confirmCautions([zoneCaution(options.zone)], { yes: options.yes, out: ctx.out }))) return ctx.out.note('Not saved.');
    const { subscriber, changes } = await updateSubscriberUseCase(writeContext(ctx), email, { zone: options.zone, delivery: options.delivery, weekday: options.weekday, reminders: options.reminders, confirm: options.confirm });
    // The update returns the row alone; the JSON shows what they follow too, as `subscriber list` does.
    const full = await ctx.store.db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id }, include: { subscriptions: { include: { issue: true }, orderBy: { id: 'asc' } } } });
    if (options.json) ctx.out.json({ ...subscriberJson(full), changed: Object.keys(changes) });
    else if (Object.keys(changes).length === 0) ctx.out.line(`Subscriber ${subscriber.email} already had those values; nothing changed.`);
    else ctx.out.line(`Updated subscriber ${subscriber.email}: ${Object.keys(changes).join(', ')} (now ${settingsText(subscriber)})`);
  });
}

export async function listSubscribers(options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const subscribers = await listSubscribersUseCase(ctx.store.db);
    if (options.json) ctx.out.json(subscribers.map(subscriberJson));
    else if (subscribers.length === 0) ctx.out.note('No subscribers.');
    else {
      ctx.out.table(
        ['email', 'zone', 'delivery', 'reminders', 'confirmed', 'follows'],
        subscribers.map((s) => [
          s.email,
          s.zone,
          s.delivery === 'weekly' ? `weekly (${s.weekday})` : s.delivery,
          s.remindersJson === null ? 'all' : reminderList(s.remindersJson).join(',') || 'none',
          s.confirmedAt ? 'yes' : 'no',
          s.subscriptions.map((sub) => (sub.deadlineId === null ? sub.issue.slug : `${sub.issue.slug} #${sub.deadlineId}`)).join(', '),
        ]),
      );
    }
  });
}

export async function removeSubscriber(email: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const subscriber = await removeSubscriberUseCase(writeContext(ctx), email);
    if (options.json) ctx.out.json(subscriberJson(subscriber));
    else ctx.out.line(`Removed subscriber ${subscriber.email} with their subscriptions and unsent alerts.`);
  });
}

export async function rotateLinks(email: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const subscriber = await rotateLinksByEmail(ctx.store.db, email, ctx.clock.now());
    if (options.json) ctx.out.json({ ...subscriberJson(subscriber), linksRotated: true });
    else ctx.out.line(`New link key for ${subscriber.email}: manage, unsubscribe and calendar links bound to the old key no longer work.`);
  });
}
