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

type Shared = { subject: string; text: string; html: string; attachments: RenderedEmail['attachments'] } | 'per-follower';

const standIns: [StandIns, StandIns] = [
  { email: 'docket-standin-a@standin.invalid', unsubscribeToken: 'docketStandinUnsubA', manageToken: 'docketStandinManageA' },
  { email: 'docket-standin-b@standin.invalid', unsubscribeToken: 'docketStandinUnsubB', manageToken: 'docketStandinManageB' },
];

export type AlertRenderer = (view: AlertView) => RenderedEmail;

/** A renderer for one batch (one `ctx`, so one `now`): same output as renderAlert, shared work done once. */
export function createAlertRenderer(ctx: RenderContext): AlertRenderer {
  const cache = new Map<string, Shared>();
  return (view) => {
    const key = JSON.stringify([view.issue, view.content, view.subscriber.zone]);
    let shared = cache.get(key);
    if (shared === undefined) {
      shared = renderShared(view, ctx);
      cache.set(key, shared);
    }
    const links = footerLinks(view.subscriber, ctx);
    if (shared === 'per-follower') return renderAlertFor(view, ctx, { email: view.subscriber.email, links });
    const tokens = { unsubscribe: tokenIn(links.unsubscribe), manage: tokenIn(links.manage) };
    // Replacer functions, not strings: an address may contain `$&`, which a replacement string would expand.
    const fill = (text: string, escape: (value: string) => string) =>
      text
        .replaceAll(standIns[0].unsubscribeToken, () => escape(tokens.unsubscribe))
        .replaceAll(standIns[0].manageToken, () => escape(tokens.manage))
        .replaceAll(standIns[0].email, () => escape(view.subscriber.email));
    const asIs = (value: string) => value;
    return {
      subject: fill(shared.subject, asIs),
      text: fill(shared.text, asIs),
      html: fill(shared.html, (value) => escapeForHtml(value, ctx.templatesDir)),
      headers: listHeaders(links),
      messageId: messageIdFor(view.alertKey, ctx.host),
      attachments: shared.attachments,
    };
  };
}

function renderShared(view: AlertView, ctx: RenderContext): Shared {
  const [a, b] = standIns.map((standIn) => renderAlertFor(view, ctx, personalFrom(standIn, ctx)));
  const swap = (text: string) =>
    text
      .replaceAll(standIns[0].email, standIns[1].email)
      .replaceAll(standIns[0].unsubscribeToken, standIns[1].unsubscribeToken)
      .replaceAll(standIns[0].manageToken, standIns[1].manageToken);
  const consistent = swap(a!.subject) === b!.subject && swap(a!.text) === b!.text && swap(a!.html) === b!.html;
  return consistent ? { subject: a!.subject, text: a!.text, html: a!.html, attachments: a!.attachments } : 'per-follower';
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
