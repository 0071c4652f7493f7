// `POST /api/deadlines/find`: the intake reader behind the admin token, answering the same JSON as
// `docket deadline find --json`. The body gives the report as `text` (plain text or HTML) or a `url` to
// fetch; nothing is saved. The reader is loaded on the first call, so the service starts without it.
import { findBody } from '../api-bodies.js';
import { invalid } from '../../errors.js';
import { readInstant } from '../../time/read-due.js';
import { assertZone } from '../../time/zone.js';
import { apiError } from '../api-errors.js';
import type { AdminRoutes } from './admin-scope.js';

export const deadlineFindRoutes: AdminRoutes = ({ admin, ctx, routeOptions }) => {
  admin.post('/api/deadlines/find', routeOptions, async (request) => {
    const input = findBody.parse(request.body);
    if ((input.text === undefined) === (input.url === undefined)) throw invalid('text', input.text ?? '', 'and url: give exactly one of them (the report itself, or a URL to fetch)');
    const now = ctx.clock.now();
    try {
      const zone = input.zone === undefined ? undefined : assertZone(input.zone, 'zone');
      const announcedAt = input.announced === undefined ? undefined : readInstant(input.announced, { now, zone: zone ?? ctx.config.defaultZone, field: 'announced' });
      const [{ readSource, sourceFromText }, { findDeadlines }] = await Promise.all([import('../../intake/read-source.js'), import('../../intake/find-deadlines.js')]);
      const source = input.url !== undefined ? await readSource({ url: input.url }) : await sourceFromText(input.text!);
      return findDeadlines(source.text, {
        now,
        defaultZone: ctx.config.defaultZone,
        metadata: source.metadata,
        ...(input.lang && input.lang !== 'auto' ? { language: input.lang } : {}),
        ...(zone ? { zone } : {}),
        ...(announcedAt ? { announcedAt } : {}),
      });
    } catch (error) {
      throw apiError(error);
    }
  });
};
