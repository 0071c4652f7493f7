// `/api/openapi.json`: the API's description, built once.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../context.js';
import { openApiDocument } from '../openapi-document.js';

export function registerOpenApi(app: FastifyInstance, ctx: WebContext): void {
  const body = JSON.stringify(openApiDocument(ctx.baseUrl));
  app.get('/api/openapi.json', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').type('application/json; charset=utf-8').send(body));
}
