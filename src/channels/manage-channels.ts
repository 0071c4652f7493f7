// `docket channel add | remove | enable | rotate-secret` and channel lookups. A channel follows issues
// through a Subscriber row of its own (kind "channel", confirmed while the channel is enabled), so the
// engine's planning, claiming and retries serve it unchanged; removing the channel removes that row, its
// subscriptions and its unsent alerts.
import { AppError, checkOneOf, invalid } from '../errors.js';
import { choiceList, choicesFromStore, parseReminderChoices, storedChoices } from '../alerts/reminder-choices.js';
import { channelKinds, webhookEventTypes, type ChannelKind } from '../domain/vocabulary.js';
import type { Channel } from '../store/models.js';
import type { Tx } from '../store/open-store.js';
import { assertZone } from '../time/zone.js';
import { replanSubscriber } from '../store/replan.js';
import { conflict, isUniqueViolation } from '../usecases/check-input.js';
import type { WriteContext } from '../usecases/write-context.js';
import { didYouMean } from '../did-you-mean.js';
import { newWebhookSecret, rotationOverlapMs } from './signing.js';

export interface ChannelInput {
  name: string;
  kind?: string;
  url?: string;
  zone?: string;
  /** Comma-separated webhook types, or "all". */
  events?: string;
  /** Which reminders it gets, as for a subscriber: "7d,1d,due,overdue", "all" (default) or "none". */
  reminders?: string;
}

export type ChannelWithZone = Channel & { subscriber: { zone: string; remindersJson: string | null } };

const namePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function checkChannelName(value: string, field = 'channelName'): string {
  if (typeof value !== 'string' || !namePattern.test(value)) throw invalid(field, value, 'is not a channel name: use 1–64 lower-case letters, digits and hyphens (e.g. trade-desk)');
  return value;
}

export function checkChannelUrl(value: string | undefined, field = 'channelUrl'): string {
  if (value === undefined || value.trim() === '') throw invalid(field, value ?? '', 'is required: the URL to POST to (http or https)');
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(field, value, 'is not a URL (e.g. https://hooks.example.org/docket)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(field, value, `uses ${url.protocol.replace(':', '')}: only http and https URLs are allowed`);
  if (value.length > 2000) throw invalid(field, value, 'is longer than 2000 characters');
  return url.toString();
}

/** null = every type. */
export function checkEvents(value: string | undefined, field = 'events'): string[] | null {
  if (value === undefined || value.trim().toLowerCase() === 'all') return null;
  const items = value.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  if (items.length === 0) throw invalid(field, value, `is empty: give a comma-separated list of ${webhookEventTypes.join(', ')} (or all)`);
  for (const item of items) {
    if (!(webhookEventTypes as readonly string[]).includes(item)) throw invalid(field, value, `names ${JSON.stringify(item)}, which is not one of ${webhookEventTypes.join(', ')} (or all)`);
  }
  return [...new Set(items)];
}

/** The follower row's email: never an address (no "@"), so no email can reach it and no person can take the name. */
export function channelFollowerKey(name: string): string {
  return `channel:${name}`;
}

export async function requireChannel(db: Tx, name: string, field = 'channelName'): Promise<ChannelWithZone> {
  const channel = await db.channel.findUnique({ where: { name: checkChannelName(name, field) }, include: { subscriber: { select: { zone: true, remindersJson: true } } } });
  if (!channel) {
    const names = (await db.channel.findMany({ select: { name: true } })).map((row) => row.name);
    throw new AppError('not_found', `no channel "${name}"${didYouMean(name, names)} (see \`docket channel list\`)`, { field, value: name });
  }
  return channel;
}

export async function listChannels(db: Tx): Promise<ChannelWithZone[]> {
  return db.channel.findMany({ orderBy: { name: 'asc' }, include: { subscriber: { select: { zone: true, remindersJson: true } } } });
}

/** Adds a channel; a webhook's secret is made here and returned on the row (shown once by the caller). */
export async function addChannel(ctx: WriteContext, input: ChannelInput, options: { defaultZone: string }): Promise<ChannelWithZone> {
  const name = checkChannelName(input.name);
  const kind: ChannelKind = checkOneOf(input.kind ?? '', channelKinds, 'kind');
  const url = checkChannelUrl(input.url);
  const zone = assertZone(input.zone ?? options.defaultZone, 'zone');
  const events = checkEvents(input.events);
  const remindersJson = input.reminders === undefined ? null : storedChoices(parseReminderChoices(input.reminders, 'reminders'));
  const duplicate = () => conflict(`channel "${name}" already exists (see \`docket channel show ${name}\`)`, 'channelName', name);
  try {
    return await ctx.db.$transaction(async (tx) => {
      if (await tx.channel.findUnique({ where: { name }, select: { id: true } })) throw duplicate();
      const follower = await tx.subscriber.create({ data: { email: channelFollowerKey(name), kind: 'channel', zone, delivery: 'immediate', remindersJson, confirmedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now } });
      return tx.channel.create({
        data: { subscriberId: follower.id, name, kind, url, secret: kind === 'webhook' ? newWebhookSecret() : null, eventsJson: events === null ? null : JSON.stringify(events), createdAt: ctx.now, updatedAt: ctx.now },
        include: { subscriber: { select: { zone: true, remindersJson: true } } },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export async function removeChannel(ctx: WriteContext, name: string): Promise<ChannelWithZone> {
  return ctx.db.$transaction(async (tx) => {
    const channel = await requireChannel(tx, name);
    // The follower row cascades to the channel, its subscriptions and its alerts.
    await tx.subscriber.delete({ where: { id: channel.subscriberId } });
    return channel;
  });
}

/** Enables a disabled channel: failures forgotten, its follower row confirmed again (new alerts are planned). */
export async function enableChannel(ctx: WriteContext, name: string): Promise<{ channel: ChannelWithZone; changed: boolean }> {
  return ctx.db.$transaction(async (tx) => {
    const channel = await requireChannel(tx, name);
    if (channel.disabledAt === null) return { channel, changed: false };
    await tx.subscriber.update({ where: { id: channel.subscriberId }, data: { confirmedAt: ctx.now, updatedAt: ctx.now } });
    // What it follows is planned again, so reminders still ahead are owed to it once more.
    await replanSubscriber(tx, channel.subscriberId);
    const updated = await tx.channel.update({ where: { id: channel.id }, data: { disabledAt: null, disabledReason: null, failures: 0, updatedAt: ctx.now }, include: { subscriber: { select: { zone: true, remindersJson: true } } } });
    return { channel: updated, changed: true };
  });
}

/** A new secret; the old one is still signed with for 24 h, so receivers can switch without a gap. */
export async function rotateSecret(ctx: WriteContext, name: string): Promise<ChannelWithZone> {
  return ctx.db.$transaction(async (tx) => {
    const channel = await requireChannel(tx, name);
    if (channel.kind !== 'webhook') throw invalid('channelName', name, `is a ${channel.kind} channel: only webhook channels are signed`);
    return tx.channel.update({
      where: { id: channel.id },
      data: { secret: newWebhookSecret(), previousSecret: channel.secret, previousSecretUntil: new Date(ctx.now.getTime() + rotationOverlapMs), updatedAt: ctx.now },
      include: { subscriber: { select: { zone: true, remindersJson: true } } },
    });
  });
}

/** A channel as JSON: never its secret, and its URL only as host and hash. */
export function channelJson(channel: ChannelWithZone, urlForLog: (url: string) => string) {
  return {
    name: channel.name,
    kind: channel.kind,
    url: urlForLog(channel.url),
    zone: channel.subscriber.zone,
    events: channel.eventsJson === null ? 'all' : (JSON.parse(channel.eventsJson) as string[]),
    reminders: choiceList(choicesFromStore(channel.subscriber.remindersJson)),
    enabled: channel.disabledAt === null,
    disabledAt: channel.disabledAt?.toISOString() ?? null,
    disabledReason: channel.disabledReason,
    failuresInRow: channel.failures,
    secretRotating: channel.previousSecretUntil !== null ? channel.previousSecretUntil.toISOString() : null,
    createdAt: channel.createdAt.toISOString(),
  };
}
