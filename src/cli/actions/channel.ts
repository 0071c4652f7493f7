// `docket channel …`.
import { addChannel as addChannelUseCase, channelJson, enableChannel as enableUseCase, listChannels as listUseCase, removeChannel as removeUseCase, requireChannel, rotateSecret as rotateUseCase, type ChannelWithZone } from '../../channels/manage-channels.js';
import { channelForLog } from '../../channels/send-to-channel.js';
import { testChannel as testUseCase } from '../../channels/test-channel.js';
import { withCliContext } from '../context.js';
import { writeContext } from './use-case-context.js';

interface Json {
  json?: boolean;
}

const json = (channel: ChannelWithZone) => channelJson(channel, channelForLog);

export async function addChannel(name: string, options: Json & { kind?: string; url?: string; zone?: string; events?: string; reminders?: string }): Promise<void> {
  await withCliContext(async (ctx) => {
    const channel = await addChannelUseCase(writeContext(ctx), { name, kind: options.kind, url: options.url, zone: options.zone, events: options.events, reminders: options.reminders }, { defaultZone: ctx.config.defaultZone });
    if (options.json) return ctx.out.json({ ...json(channel), secret: channel.secret });
    ctx.out.line(`Added ${channel.kind} channel ${channel.name} (${channel.subscriber.zone}); follow issues with \`docket subscribe --channel ${channel.name} <issue-slug>\`.`);
    if (channel.secret !== null) ctx.out.line(`Signing secret (shown once; keep it with the receiver): ${channel.secret}`);
  });
}

export async function listChannels(options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const channels = await listUseCase(ctx.store.db);
    if (options.json) return ctx.out.json(channels.map(json));
    if (channels.length === 0) return ctx.out.note('No channels yet (add one with `docket channel add`).');
    ctx.out.table(['name', 'kind', 'url', 'zone', 'events', 'state'], channels.map((channel) => {
      const view = json(channel);
      return [view.name, view.kind, view.url, view.zone, Array.isArray(view.events) ? view.events.join(',') : view.events, view.enabled ? (view.failuresInRow > 0 ? `enabled, ${view.failuresInRow} failures in a row` : 'enabled') : `disabled: ${view.disabledReason ?? ''}`];
    }));
  });
}

export async function showChannel(name: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const channel = await requireChannel(ctx.store.db, name);
    const subscriptions = await ctx.store.db.subscription.findMany({ where: { subscriberId: channel.subscriberId }, include: { issue: { select: { slug: true } } }, orderBy: { id: 'asc' } });
    const follows = subscriptions.map((sub) => ({ issue: sub.issue.slug, deadline: sub.deadlineId }));
    const view = { ...json(channel), follows };
    if (options.json) return ctx.out.json(view);
    for (const [key, value] of Object.entries(view)) {
      if (key === 'follows') continue;
      ctx.out.line(`${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
    }
    ctx.out.line(`follows: ${follows.length === 0 ? 'nothing yet' : follows.map((f) => (f.deadline === null ? f.issue : `${f.issue} (deadline ${f.deadline})`)).join(', ')}`);
  });
}

export async function removeChannel(name: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const channel = await removeUseCase(writeContext(ctx), name);
    if (options.json) ctx.out.json({ ...json(channel), removed: true });
    else ctx.out.line(`Removed channel ${channel.name} with its subscriptions and unsent alerts.`);
  });
}

export async function testChannel(name: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const result = await testUseCase(ctx.store.db, name, { now: ctx.clock.now(), baseUrl: ctx.config.web.baseUrl, timeoutMs: ctx.config.scheduler.channelTimeoutMs });
    if (options.json) ctx.out.json(result);
    else ctx.out.line(result.ok ? `Channel ${result.channel} answered ${result.detail}: delivered.` : `Channel ${result.channel} did not take the test: ${result.detail}.`);
    if (!result.ok) process.exitCode = 1;
  });
}

export async function enableChannel(name: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const { channel, changed } = await enableUseCase(writeContext(ctx), name);
    if (options.json) ctx.out.json({ ...json(channel), changed });
    else ctx.out.line(changed ? `Enabled channel ${channel.name}; new alerts will be delivered to it.` : `Channel ${channel.name} is already enabled; nothing to do.`);
  });
}

export async function rotateSecret(name: string, options: Json): Promise<void> {
  await withCliContext(async (ctx) => {
    const channel = await rotateUseCase(writeContext(ctx), name);
    if (options.json) return ctx.out.json({ ...json(channel), secret: channel.secret });
    ctx.out.line(`New signing secret for ${channel.name} (shown once): ${channel.secret}`);
    ctx.out.line(`Until ${channel.previousSecretUntil?.toISOString()} messages carry signatures with both the old and the new secret.`);
  });
}
