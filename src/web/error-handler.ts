// The one place errors become responses. AppError (a user's mistake) → its 4xx with its message; zod
// errors → 400 naming the field; errors Fastify and its plugins raise for bad requests (malformed JSON,
// a body too large, a rate limit, a missing CSRF token) → their 4xx with a message of our own; anything
// else is a bug → 500 with a generic message, logged with its stack, never shown.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { isAppError } from '../errors.js';
import { sendMessage } from './render-page.js';

export interface Problem {
  status: number;
  /** Machine-readable, stable: the API's `error` field. */
  error: string;
  message: string;
  field?: string;
}

type Shape = 'json' | 'text' | 'html';

/** API and ops endpoints answer in JSON, feeds in plain text, everything else with a page. */
export function shapeFor(request: FastifyRequest): Shape {
  const path = request.url.split('?', 1)[0]!;
  if (path.startsWith('/api/') || path === '/api' || path === '/healthz' || path === '/readyz') return 'json';
  if (path === '/metrics' || /\.(ics|atom)$/.test(path)) return 'text';
  return 'html';
}

const statusErrors: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'too_large',
  414: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function problemFor(error: unknown): Problem {
  if (isAppError(error)) {
    return { status: error.httpStatus, error: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) };
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const prefix = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}.` : '';
    if (issue?.code === 'unrecognized_keys') {
      const field = `${prefix}${issue.keys[0] ?? ''}`;
      return { status: 400, error: 'validation', message: `${JSON.stringify(field)} is not a field this endpoint knows`, field };
    }
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
    return { status: 400, error: 'validation', message: `${field}: ${issue?.message ?? 'is not valid'}`, field };
  }
  const e = error as Partial<FastifyError> & { validation?: unknown };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) return { status, error: statusErrors[status] ?? 'bad_request', message: clientMessage(e, status) };
  return { status: 500, error: 'internal', message: 'Something went wrong on our side. It has been logged; please try again later.' };
}

// Our own words for what Fastify and plugins reject: their messages can quote internals.
function clientMessage(e: Partial<FastifyError>, status: number): string {
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'the request body is not valid JSON';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the request body is empty but says it is JSON';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'this content type is not accepted here; send application/json (API) or a form';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the request body is too large';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'the Content-Length header does not match the body';
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return 'this form has expired or did not come from this site; reload the page and try again (cookies must be enabled)';
  }
  if (status === 429) return 'too many requests; please wait a while and try again';
  if (status === 413) return 'the request is too large';
  if (status === 415) return 'this content type is not accepted here';
  return 'the request could not be understood';
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  const shape = shapeFor(request);
  if (shape === 'json') {
    const body = { error: problem.error, message: problem.message, ...(problem.field === undefined ? {} : { field: problem.field }) };
    return reply.code(problem.status).type('application/json; charset=utf-8').send(body);
  }
  if (shape === 'text') return reply.code(problem.status).type('text/plain; charset=utf-8').send(`${problem.message}\n`);
  return sendMessage(reply, problem.status, pageFor(problem));
}

function pageFor(problem: Problem): { title: string; lines: string[]; link?: { href: string; text: string } } {
  const home = { href: '/', text: 'Go to the list of tracked issues' };
  switch (problem.status) {
    case 404:
      return { title: 'Not found', lines: ['There is no such page here. The issue may have been renamed or removed.'], link: home };
    case 403:
      return { title: 'Not allowed', lines: [capitalise(problem.message)], link: home };
    case 429:
      return { title: 'Too many requests', lines: ['This has been sent too often from your network. Please wait a while and try again.'], link: home };
    case 500:
      return { title: 'Something went wrong', lines: [problem.message], link: home };
    default:
      return { title: problem.status === 409 ? 'Not possible right now' : 'That did not work', lines: [capitalise(problem.message)], link: home };
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFor(error);
    if (problem.status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'request failed');
    else request.log.debug({ problem, route: request.routeOptions.url }, 'request refused');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, { status: 404, error: 'not_found', message: `no such resource: ${request.method} ${request.url.split('?', 1)[0]!.slice(0, 200)}` }),
  );
}
