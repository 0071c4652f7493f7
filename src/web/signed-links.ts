// Pages reached through signed links (confirm, manage, unsubscribe). A bad link gets a friendly page that
// says what to do next, never a stack trace: expired (410) or not valid (403: forged, tampered, cut
// short, or a link meant for another page).
import type { FastifyReply } from 'fastify';
import { isAppError } from '../errors.js';
import { signToken, verifyToken, type TokenPurpose } from '../tokens.js';
import type { WebContext } from './context.js';
import { sendMessage } from './render-page.js';

export type LinkClaims = { subscriberId: number; scope?: string };

export function readLink(ctx: WebContext, purpose: TokenPurpose, token: string): LinkClaims | { problem: 'expired' | 'invalid' } {
  try {
    return verifyToken(ctx.secret, token, { purpose, now: ctx.clock.now() });
  } catch (error) {
    if (isAppError(error)) return { problem: /expired/.test(error.message) ? 'expired' : 'invalid' };
    throw error;
  }
}

export function sendLinkProblem(reply: FastifyReply, purpose: TokenPurpose, problem: 'expired' | 'invalid'): FastifyReply {
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

export function managePath(ctx: WebContext, subscriberId: number): string {
  return `/manage/${signToken(ctx.secret, { purpose: 'manage', subscriberId })}`;
}
