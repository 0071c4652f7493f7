// Pages reached through signed links (confirm, manage, unsubscribe). A bad link gets a friendly page that
// says what to do next, never a stack trace: expired (410) or not valid (403: forged, tampered, cut
// short, or a link meant for another page).
import type { FastifyReply } from 'fastify';
import type { Subscriber } from '../store/models.js';
import { linkBindingHolds, signToken, TokenRefusedError, verifyToken, type TokenClaims, type TokenPurpose, type TokenRefusal } from '../tokens.js';
import type { WebContext } from './context.js';
import { sendMessage } from './render-page.js';

export type LinkClaims = TokenClaims;

export function readLink(ctx: WebContext, purpose: TokenPurpose, token: string): LinkClaims | { problem: TokenRefusal } {
  try {
    return verifyToken(ctx.secret, token, { purpose, now: ctx.clock.now() });
  } catch (error) {
    if (error instanceof TokenRefusedError) return { problem: error.reason };
    throw error;
  }
}

/**
 * A manage, unsubscribe or feed link with the row it names, once its binding to that row holds (see
 * src/tokens.ts): a link whose row has gone, or whose key no longer matches, is treated as not valid.
 */
export async function readSubscriberLink(
  ctx: WebContext,
  purpose: Exclude<TokenPurpose, 'confirm'>,
  token: string,
): Promise<{ claims: LinkClaims; subscriber: Subscriber } | { problem: 'expired' | 'invalid' | 'gone' }> {
  const claims = readLink(ctx, purpose, token);
  if ('problem' in claims) return claims;
  const subscriber = await ctx.store.db.subscriber.findUnique({ where: { id: claims.subscriberId } });
  if (subscriber === null) return { problem: 'gone' };
  if (!linkBindingHolds(claims, subscriber)) return { problem: 'invalid' };
  return { claims, subscriber };
}

export function sendLinkProblem(reply: FastifyReply, purpose: TokenPurpose, problem: 'expired' | 'invalid' | 'gone'): FastifyReply {
  if (problem === 'gone') return sendGone(reply, 'This address is no longer subscribed to anything here.');
  reply.header('cache-control', 'no-store');
  if (problem === 'expired') {
    return sendMessage(reply, 410, {
      title: 'This link has expired',
      lines: purpose === 'confirm'
        ? ['Confirmation links work for 48 hours. Subscribe again from the issue page and use the link in the new email.']
        : ['Open the link from a more recent Docket email.'],
      link: { href: '/', text: 'Find the issue and subscribe again' },
    });
  }
  return sendMessage(reply, 403, {
    title: 'This link is not valid',
    lines: ['It may have been cut short when it was copied. Open it again from the email, or subscribe again from the issue page.'],
    link: { href: '/', text: 'Go to the list of tracked issues' },
  });
}

/** The link pointed at something that was removed since (a deleted subscriber, issue or deadline). */
export function sendGone(reply: FastifyReply, what: string): FastifyReply {
  reply.header('cache-control', 'no-store');
  return sendMessage(reply, 404, { title: 'Nothing to do here any more', lines: [what], link: { href: '/', text: 'Go to the list of tracked issues' } });
}

export function managePath(ctx: WebContext, subscriber: { id: number; linkKey: string }): string {
  return `/manage/${signToken(ctx.secret, { purpose: 'manage', subscriberId: subscriber.id, linkKey: subscriber.linkKey })}`;
}

export function feedPath(ctx: WebContext, subscriber: { id: number; linkKey: string }): string {
  return `/my/${signToken(ctx.secret, { purpose: 'feed', subscriberId: subscriber.id, linkKey: subscriber.linkKey })}.ics`;
}
