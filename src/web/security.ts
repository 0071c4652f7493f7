// Headers, cookies, CSRF and rate limits, registered once for the whole app.
// - CSP: scripts and styles only from this origin (/assets/app.js, /assets/app.css): no inline script,
//   so an injected <script> would not run even if escaping failed somewhere.
// - CSRF: a secret in an HttpOnly cookie, a token derived from it in each form's hidden `_csrf` field
//   (@fastify/csrf-protection); form routes add `preValidation: csrfCheck(app)` (the token is in the body).
//   The one-click unsubscribe is exempt: mail providers post it without a form, and the signed token in
//   its URL already proves the request came from the email.
// - Rate limits are per route (subscribe, signed-link posts, admin API), never global, so pages and feeds
//   pay nothing for them.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type preValidationHookHandler } from 'fastify';
import type { RateLimit, WebContext } from './context.js';

export const csrfCookie = 'docket_csrf';

/** Helmet's options for Docket: a strict CSP and the usual hardening headers. */
function helmetOptions(ctx: WebContext) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        // Only over HTTPS: on plain-HTTP installs (localhost) it would send forms to a port nobody serves.
        ...(ctx.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // Signed links sit in URLs; no Referer may carry them to another site.
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: ctx.https ? { maxAge: 31_536_000, includeSubDomains: false } : (false as const),
    crossOriginEmbedderPolicy: false,
  };
}

const notSecurityHeaders = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * The headers @fastify/helmet sends with these options. They do not vary per request (no nonces), but
 * the plugin rebuilds helmet's middleware on every request, which halved the throughput of small
 * responses; so the plugin runs once, in a throwaway instance, and its headers are replayed.
 */
export async function securityHeaders(ctx: WebContext): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, helmetOptions(ctx));
  probe.get('/', async () => '');
  const response = await probe.inject('/');
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!notSecurityHeaders.has(name) && value !== undefined) headers[name] = String(value);
  }
  if (!headers['content-security-policy']) throw new Error('@fastify/helmet produced no Content-Security-Policy');
  return headers;
}

/** `headers`: securityHeaders(ctx), when the caller already has them (it needs them before routing too). */
export async function registerSecurity(app: FastifyInstance, ctx: WebContext, known?: Record<string, string>): Promise<void> {
  const headers = known ?? (await securityHeaders(ctx));
  // Before anything else, so 404s, errors and 304s carry them too.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(formbody, { bodyLimit: ctx.options.bodyLimit });
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: csrfCookie,
    // Lax, not Strict: a confirm link opened from a webmail tab is a cross-site navigation, and the form
    // it shows must still post with the cookie it set.
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: ctx.https },
    logLevel: 'debug',
  });
  await app.register(rateLimit, { global: false });
}

/** Route config for @fastify/rate-limit. */
export function rateLimitConfig(limit: RateLimit): { rateLimit: { max: number; timeWindow: number } } {
  return { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } };
}

export function csrfCheck(app: FastifyInstance): preValidationHookHandler {
  return app.csrfProtection as unknown as preValidationHookHandler;
}
