// Every follower of a deadline gets the same reminder apart from who they are: their address, their
// signed links and the Message-ID. Rendering it once per (content, zone) and filling those in saves most
// of the per-alert CPU when hundreds of people follow one deadline.
//
// Templates are a deployer's to override, and one might transform the address (say, print only the part
// before the @). So each shared rendering is checked once: rendered with two different sets of stand-ins,
// the second must equal the first with the stand-ins swapped. If it does not, that content is rendered
// per follower, as before.

import type { AlertView } from './alert-view.js';
import { footerLinks, listHeaders, messageIdFor, type RenderContext, type RenderedEmail } from './email-parts.js';
import { renderAlertFor, type PersonalParts } from './render-alert.js';
import { escapeForHtml } from './templates.js';
import { manageUrl, unsubscribeUrl } from '../tokens.js';

interface StandIns {
  email: string;
  unsubscribeToken: string;
  manageToken: string;
}

type Slot = 'email' | 'unsubscribe' | 'manage';

/** A rendering cut at its stand-ins: texts[0] slot[0] texts[1] … (filled in one pass per follower). */
interface Cut {
  texts: string[];
  slots: Slot[];
}

type Shared = { subject: Cut; text: Cut; html: Cut; attachments: RenderedEmail['attachments'] } | 'per-follower';

/** Distinct tick-wide renderings kept; past this the cache starts over (a tick over many deadlines). */
const maxShared = 500;

const standIns: [StandIns, StandIns] = [
  { email: 'docket-standin-a@standin.invalid', unsubscribeToken: 'docketStandinUnsubA', manageToken: 'docketStandinManageA' },
  { email: 'docket-standin-b@standin.invalid', unsubscribeToken: 'docketStandinUnsubB', manageToken: 'docketStandinManageB' },
];

export type AlertRenderer = (view: AlertView) => RenderedEmail;

/** A renderer for one tick (one `ctx`, so one `now`): same output as renderAlert, shared work done once. */
export function createAlertRenderer(ctx: RenderContext): AlertRenderer {
  const cache = new Map<string, Shared>();
  return (view) => {
    const key = JSON.stringify([view.issue, view.content, view.subscriber.zone]);
    let shared = cache.get(key);
    if (shared === undefined) {
      if (cache.size >= maxShared) cache.clear();
      shared = renderShared(view, ctx);
      cache.set(key, shared);
    }
    const links = footerLinks(view.subscriber, ctx);
    if (shared === 'per-follower') return renderAlertFor(view, ctx, { email: view.subscriber.email, links });
    const plain: Record<Slot, string> = { email: view.subscriber.email, unsubscribe: tokenIn(links.unsubscribe), manage: tokenIn(links.manage) };
    const escaped: Record<Slot, string> = {
      email: escapeForHtml(plain.email, ctx.templatesDir),
      unsubscribe: escapeForHtml(plain.unsubscribe, ctx.templatesDir),
      manage: escapeForHtml(plain.manage, ctx.templatesDir),
    };
    return {
      subject: fill(shared.subject, plain),
      text: fill(shared.text, plain),
      html: fill(shared.html, escaped),
      headers: listHeaders(links),
      messageId: messageIdFor(view.alertKey, ctx.host),
      attachments: shared.attachments,
    };
  };
}

const slotOf = new Map<string, Slot>([
  [standIns[0].email, 'email'],
  [standIns[0].unsubscribeToken, 'unsubscribe'],
  [standIns[0].manageToken, 'manage'],
]);
const standInPattern = new RegExp([...slotOf.keys()].map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

function cut(text: string): Cut {
  const texts: string[] = [];
  const slots: Slot[] = [];
  let from = 0;
  for (const match of text.matchAll(standInPattern)) {
    texts.push(text.slice(from, match.index));
    slots.push(slotOf.get(match[0])!);
    from = match.index + match[0].length;
  }
  texts.push(text.slice(from));
  return { texts, slots };
}

function fill({ texts, slots }: Cut, values: Record<Slot, string>): string {
  let out = texts[0]!;
  for (let i = 0; i < slots.length; i++) out += values[slots[i]!] + texts[i + 1]!;
  return out;
}

function renderShared(view: AlertView, ctx: RenderContext): Shared {
  const [a, b] = standIns.map((standIn) => renderAlertFor(view, ctx, personalFrom(standIn, ctx)));
  const swap = (text: string) =>
    text
      .replaceAll(standIns[0].email, standIns[1].email)
      .replaceAll(standIns[0].unsubscribeToken, standIns[1].unsubscribeToken)
      .replaceAll(standIns[0].manageToken, standIns[1].manageToken);
  const consistent = swap(a!.subject) === b!.subject && swap(a!.text) === b!.text && swap(a!.html) === b!.html;
  return consistent ? { subject: cut(a!.subject), text: cut(a!.text), html: cut(a!.html), attachments: a!.attachments } : 'per-follower';
}

function personalFrom(standIn: StandIns, ctx: RenderContext): PersonalParts {
  return {
    email: standIn.email,
    links: { unsubscribe: unsubscribeUrl(ctx.links, standIn.unsubscribeToken), manage: manageUrl(ctx.links, standIn.manageToken) },
  };
}

/** The URL-encoded token at the end of a footer link (what the stand-in token stood for). */
function tokenIn(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
