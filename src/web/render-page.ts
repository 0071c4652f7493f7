// Server-rendered pages: eta templates in templates/web/, every `<%= %>` HTML-escaped (user text such as
// an issue title can never become markup), compiled once per process. Pages work without JavaScript;
// /assets/app.js only adds the reader's local time and fills in their time zone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';

/** The shipped page templates (resolves the same from src/web and from the built dist/web). */
export const webTemplatesDir = fileURLToPath(new URL('../../templates/web/', import.meta.url));

const eta = new Eta({ views: webTemplatesDir, autoEscape: true, cache: true, autoTrim: [false, 'nl'] });

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  /** URL with a content hash, so browsers may cache it for a year and still see a new version. */
  url: string;
}

function loadAsset(name: string, type: string): Asset {
  const body = readFileSync(path.join(webTemplatesDir, 'assets', name));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { body, type, etag: `"${hash}"`, url: `/assets/${name}?v=${hash}` };
}

export const assets: Record<string, Asset> = {
  'app.js': loadAsset('app.js', 'text/javascript; charset=utf-8'),
  'app.css': loadAsset('app.css', 'text/css; charset=utf-8'),
};

export interface PageData {
  /** The <title> (the site name is appended). */
  title: string;
  /** Keep signed-link pages out of search engines. */
  noindex?: boolean;
  /** <link rel="alternate"> feeds for this page. */
  feeds?: Array<{ title: string; href: string; type: string }>;
  [key: string]: unknown;
}

export function renderPage(template: string, data: PageData): string {
  return eta.render(template, { ...data, assets: { css: assets['app.css']!.url, js: assets['app.js']!.url } });
}

export function sendPage(reply: FastifyReply, template: string, data: PageData, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(template, data));
}

/** A short page with a heading, a few sentences and an optional link (errors, link problems, notices). */
export function sendMessage(
  reply: FastifyReply,
  status: number,
  message: { title: string; lines: string[]; link?: { href: string; text: string }; noindex?: boolean },
): FastifyReply {
  return sendPage(reply, 'message', { ...message, noindex: message.noindex ?? true }, status);
}
