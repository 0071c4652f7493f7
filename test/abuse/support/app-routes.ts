// The routes a built Fastify app serves, read from the app itself (printRoutes), so a property over
// "every endpoint" also covers routes added later without anyone updating a list.
import type { FastifyInstance } from 'fastify';

export interface AppRoute {
  /** Fastify's pattern, e.g. `/api/deadlines/:id/extend`. */
  url: string;
  methods: string[];
}

/** Parses `app.printRoutes()`'s tree: each line is a path segment under its parent, with its methods. */
export function appRoutes(app: FastifyInstance): AppRoute[] {
  const routes: AppRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line) ?? /^([\s│├└─]*)(\S.*)$/.exec(line);
    if (!match) continue;
    const depth = Math.floor(match[1]!.length / 4);
    const parent = stack[depth - 1] ?? '';
    const segment = match[2]!;
    const url = parent === '' ? segment : parent.endsWith('/') || segment.startsWith('/') ? parent + segment : `${parent}/${segment}`;
    stack[depth] = url;
    stack.length = depth + 1;
    if (match[3]) routes.push({ url, methods: match[3].split(', ') });
  }
  return routes;
}

/** Fills a route pattern's `:params` with already-encoded values. */
export function fillRoute(url: string, values: (name: string) => string): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => values(name));
}
