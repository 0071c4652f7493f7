// `/assets/app.js` and `/assets/app.css`, read once at start. Pages link them with a content hash in the
// query, so they can be cached for a year: a new version has a new URL.
import type { FastifyInstance } from 'fastify';
import { matchesEtag } from '../cached-body.js';
import { assets } from '../render-page.js';

export function registerAssets(app: FastifyInstance): void {
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = assets[request.params.name];
    if (asset === undefined || !Object.hasOwn(assets, request.params.name)) return reply.callNotFound();
    reply.header('etag', asset.etag).header('cache-control', 'public, max-age=31536000, immutable');
    if (matchesEtag(request.headers['if-none-match'], asset.etag)) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  });
}
