// The OpenAPI 3.1 description of /api, served at /api/openapi.json. Request bodies are generated from the
// zod schemas the routes parse with (api-bodies.ts); responses and parameters are written here, next to
// the JSON views they describe (test/web/api.test.ts checks that every route is listed).
import { alertStatuses, channelKinds, deadlineStatuses, inboxStatuses, issueStatuses, reminderNames, sourceStatuses } from '../domain/vocabulary.js';
import { precisions } from '../time/due-moment.js';
import { openApiWebhooks } from '../channels/webhook-schemas.js';
import { acceptBody, channelBody, deadlineBody, dismissBody, extendBody, findBody, issueBody, noteBody, openApiBody, resolveBody, sourceBody } from './api-bodies.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '400': { $ref: '#/components/responses/Validation' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '404': { $ref: '#/components/responses/NotFound' },
  '409': { $ref: '#/components/responses/Conflict' },
};
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const path = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const strings = { type: 'array', items: { type: 'string' } };
const nullableInstant = { type: ['string', 'null'], format: 'date-time' };
const admin = [{ adminToken: [] }];

export function openApiDocument(baseUrl: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Docket API',
      version: '1',
      description:
        'Government demands and their deadlines. Reads are public; writes need `Authorization: Bearer <DOCKET_ADMIN_TOKEN>` ' +
        '(without a configured token the admin routes answer 404). Deadline instants carry the offset of the deadline\'s own zone. ' +
        'Errors are `{ error, message, field? }`.',
    },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'DOCKET_ADMIN_TOKEN' } },
      schemas: {
        Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string', examples: ['validation'] }, message: { type: 'string' }, field: { type: 'string' } } },
        Issue: {
          type: 'object',
          required: ['slug', 'title', 'status'],
          properties: {
            slug: { type: 'string', examples: ['japan-korea-export-controls'] },
            title: { type: 'string' },
            summary: { type: 'string' },
            status: { enum: [...issueStatuses] },
            parties: strings,
            tags: strings,
            sources: strings,
            offsets: { type: ['array', 'null'], items: { type: 'string' } },
            createdAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        Links: { type: 'object', properties: { page: { type: 'string' }, calendar: { type: 'string' }, atom: { type: 'string' }, api: { type: 'string' } } },
        IssueSummary: { allOf: [ref('Issue'), { type: 'object', properties: { openDeadlines: { type: 'integer' }, nextDue: { oneOf: [ref('Deadline'), { type: 'null' }] }, links: ref('Links') } }] },
        IssueDetail: { allOf: [ref('Issue'), { type: 'object', properties: { deadlines: { type: 'array', items: ref('Deadline') }, history: { type: 'array', items: ref('Event') }, links: ref('Links') } }] },
        Deadline: {
          type: 'object',
          required: ['id', 'issue', 'title', 'status', 'dueAt', 'zone', 'precision', 'expression', 'announcedAt'],
          properties: {
            id: { type: 'integer' },
            issue: { type: 'string', description: 'The issue slug.' },
            title: { type: 'string' },
            status: { enum: [...deadlineStatuses] },
            dueAt: { type: 'string', format: 'date-time', examples: ['2020-05-31T23:59:59.999+09:00'] },
            zone: { type: 'string', examples: ['Asia/Seoul'] },
            precision: { enum: ['instant', 'day', 'month'] },
            expression: { type: 'string', examples: ['by the end of this month'] },
            announcedAt: { type: 'string', format: 'date-time' },
            demandedBy: { type: 'string' },
            demandedOf: { type: 'string' },
            sources: strings,
            offsets: { type: ['array', 'null'], items: { type: 'string' } },
            resolutionNote: { type: ['string', 'null'] },
            revision: { type: 'integer' },
            createdAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        Event: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            at: { type: 'string', format: 'date-time' },
            kind: { type: 'string', examples: ['deadline.extended'] },
            actor: { type: 'string', description: 'Admin API responses only.' },
            deadline: { type: ['integer', 'null'] },
            notify: { type: 'boolean' },
            data: { type: 'object' },
          },
        },
        Alert: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            key: { type: 'string' },
            status: { enum: [...alertStatuses] },
            kind: { type: 'string' },
            milestone: { type: 'string' },
            to: { type: 'string' },
            deadlineId: { type: ['integer', 'null'] },
            deadline: { type: ['string', 'null'] },
            sendAt: { type: 'string', format: 'date-time' },
            attempts: { type: 'integer' },
            nextAttemptAt: { type: 'string', format: 'date-time' },
            sentAt: { type: ['string', 'null'], format: 'date-time' },
            late: { type: 'boolean' },
            messageId: { type: ['string', 'null'] },
            lastError: { type: ['string', 'null'] },
          },
        },
        Channel: {
          type: 'object',
          required: ['name', 'kind', 'url', 'zone', 'events', 'enabled'],
          properties: {
            name: { type: 'string' },
            kind: { enum: [...channelKinds] },
            url: { type: 'string', description: 'Host and a short hash: the URL itself is a credential.' },
            zone: { type: 'string' },
            events: { oneOf: [{ const: 'all' }, strings] },
            reminders: { type: 'array', items: { enum: [...reminderNames] }, description: 'The reminders it gets (7d, 1d, due, overdue).' },
            enabled: { type: 'boolean' },
            disabledAt: { type: ['string', 'null'], format: 'date-time' },
            disabledReason: { type: ['string', 'null'] },
            failuresInRow: { type: 'integer' },
            secretRotating: { type: ['string', 'null'], format: 'date-time', description: 'Until when the previous secret also signs.' },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
        Source: {
          type: 'object',
          required: ['id', 'url', 'name', 'keywords', 'every', 'lang', 'status', 'failures'],
          properties: {
            id: { type: 'integer' },
            url: { type: 'string' },
            name: { type: 'string' },
            issue: { type: ['string', 'null'], description: 'The issue its candidates are proposed for, if one.' },
            keywords: strings,
            every: { type: 'string', description: 'ISO 8601 duration between polls' },
            lang: { enum: ['auto', 'en', 'ja', 'ko'] },
            zone: { type: ['string', 'null'] },
            status: { enum: [...sourceStatuses] },
            lastPolledAt: nullableInstant,
            lastSuccessAt: nullableInstant,
            lastError: { type: ['string', 'null'] },
            failures: { type: 'integer', description: 'Failed polls in a row' },
            failingSince: nullableInstant,
            nextPollAt: { ...nullableInstant, description: 'null while paused' },
          },
        },
        InboxItem: {
          type: 'object',
          required: ['id', 'status', 'item', 'title', 'dueAt', 'zone', 'precision', 'expression', 'announcedAt', 'evidence', 'foundAt'],
          properties: {
            id: { type: 'integer' },
            status: { enum: [...inboxStatuses] },
            source: { type: ['integer', 'null'] },
            item: { type: 'object', required: ['title', 'url'], properties: { title: { type: 'string' }, url: { type: 'string' }, publishedAt: nullableInstant } },
            title: { type: 'string' },
            dueAt: { type: 'string', format: 'date-time', description: 'The proposed due moment, with its zone\'s offset' },
            zone: { type: 'string' },
            precision: { enum: [...precisions] },
            expression: { type: 'string', description: 'The words the deadline was read from' },
            reading: { type: 'string', description: 'How they were read' },
            announcedAt: { type: 'string', format: 'date-time' },
            demandedBy: { type: 'string' },
            demandedOf: { type: 'string' },
            evidence: { type: 'string', description: 'The sentence it was found in' },
            confidence: { type: 'number' },
            issue: { type: ['string', 'null'] },
            deadline: { type: ['integer', 'null'], description: 'The deadline it became or was linked to' },
            reason: { type: ['string', 'null'], description: 'Why it was dismissed' },
            foundAt: { type: 'string', format: 'date-time' },
          },
        },
      },
      responses: {
        Validation: json(ref('Error'), 'The input is not valid; `field` names the culprit.'),
        Unauthorized: json(ref('Error'), 'Missing or wrong admin token.'),
        NotFound: json(ref('Error'), 'No such issue or deadline (or the admin API is disabled).'),
        Conflict: json(ref('Error'), 'Not possible in the current state (e.g. resolving a resolved deadline).'),
      },
    },
    webhooks: openApiWebhooks({ issue: ref('Issue'), deadline: ref('Deadline') }),
    paths: {
      '/api/issues': {
        get: {
          summary: 'Tracked issues with their next deadline',
          parameters: [query('status', 'open (default), closed or all')],
          responses: { '200': json({ type: 'array', items: ref('IssueSummary') }, 'Issues by slug'), '400': errors['400'] },
        },
        post: {
          summary: 'Track a new issue',
          security: admin,
          requestBody: openApiBody(issueBody),
          responses: { '201': json(ref('Issue'), 'Created'), ...errors },
        },
      },
      '/api/issues/{slug}': {
        get: { summary: 'One issue with all its deadlines and history', parameters: [path('slug', 'Issue slug')], responses: { '200': json(ref('IssueDetail'), 'The issue'), '400': errors['400'], '404': errors['404'] } },
      },
      '/api/issues/{slug}/notes': {
        post: {
          summary: 'Record a status update on an issue (subscribers are told)',
          security: admin,
          parameters: [path('slug', 'Issue slug')],
          requestBody: openApiBody(noteBody),
          responses: { '201': json(ref('Event'), 'The note event'), ...errors },
        },
      },
      '/api/deadlines': {
        get: {
          summary: 'Deadlines, soonest first',
          parameters: [
            query('issue', 'Issue slug'),
            query('status', 'open (default), resolved, all, pending, extended, met, missed or withdrawn'),
            query('dueBefore', 'An ISO date or a phrase ("end of next month"), read in `zone`'),
            query('dueAfter', 'As dueBefore'),
            query('zone', 'IANA zone for reading dueBefore/dueAfter (default: the installation\'s)'),
          ],
          responses: { '200': json({ type: 'array', items: ref('Deadline') }, 'Deadlines'), '400': errors['400'], '404': errors['404'] },
        },
        post: {
          summary: 'Add a deadline to an issue',
          description: '`due` is read like the CLI\'s --due: ISO dates, local times or phrases such as "by the end of this month", relative to `announced` (default now) in `zone`.',
          security: admin,
          requestBody: openApiBody(deadlineBody),
          responses: { '201': json(ref('Deadline'), 'Created'), ...errors },
        },
      },
      '/api/deadlines/find': {
        post: {
          summary: 'Propose the deadlines in a news report or press release (nothing is saved)',
          description: 'Give `text` (plain text or HTML) or a `url` to fetch. Answers `{ language, announced: { at, zone, from }, candidates: [...] }`, as `docket deadline find --json` prints it (docs/intake.md).',
          security: admin,
          requestBody: openApiBody(findBody),
          responses: { '200': json({ type: 'object', required: ['language', 'announced', 'candidates'] }, 'The proposed deadlines'), ...errors },
        },
      },
      '/api/deadlines/{id}/extend': {
        post: {
          summary: 'Record an extension (new due date)',
          security: admin,
          parameters: [path('id', 'Deadline id')],
          requestBody: openApiBody(extendBody),
          responses: { '200': json(ref('Deadline'), 'The extended deadline'), ...errors },
        },
      },
      '/api/deadlines/{id}/resolve': {
        post: {
          summary: 'Record the outcome: met, missed or withdrawn',
          security: admin,
          parameters: [path('id', 'Deadline id')],
          requestBody: openApiBody(resolveBody),
          responses: { '200': json(ref('Deadline'), 'The resolved deadline'), ...errors },
        },
      },
      '/api/channels': {
        get: { summary: 'Channels (webhook, Slack, Teams), their health; URLs as host and hash', security: admin, responses: { '200': json({ type: 'array', items: ref('Channel') }, 'Channels'), '401': errors['401'] } },
        post: {
          summary: 'Add a channel; a webhook channel\'s signing secret is in this answer only',
          security: admin,
          requestBody: openApiBody(channelBody),
          responses: { '201': json({ allOf: [ref('Channel'), { type: 'object', properties: { secret: { type: ['string', 'null'] } } }] }, 'Created'), ...errors },
        },
      },
      '/api/channels/{name}': {
        delete: { summary: 'Remove a channel with its subscriptions and unsent alerts', security: admin, parameters: [path('name', 'Channel name')], responses: { '200': json(ref('Channel'), 'The removed channel'), ...errors } },
      },
      '/api/channels/{name}/test': {
        post: {
          summary: 'Send a channel.test message now and report the answer',
          security: admin,
          parameters: [path('name', 'Channel name')],
          responses: { '200': json({ type: 'object', required: ['ok', 'status', 'detail'], properties: { channel: { type: 'string' }, ok: { type: 'boolean' }, status: { type: ['integer', 'null'] }, detail: { type: 'string' }, webhookId: { type: 'string' } } }, 'The answer'), ...errors },
        },
      },
      '/api/sources': {
        get: { summary: 'Watched feeds with their last success, last error and next poll (docs/sources.md)', security: admin, responses: { '200': json({ type: 'array', items: ref('Source') }, 'As `docket source list --json`'), '401': errors['401'] } },
        post: {
          summary: 'Watch a feed (RSS, Atom or JSON Feed)',
          security: admin,
          requestBody: openApiBody(sourceBody),
          responses: { '201': json(ref('Source'), 'The source'), ...errors },
        },
      },
      '/api/sources/{id}': {
        delete: { summary: 'Stop watching a feed (its inbox candidates stay)', security: admin, parameters: [path('id', 'Source id')], responses: { '204': { description: 'Removed' }, ...errors } },
      },
      '/api/inbox': {
        get: { summary: 'Candidates found in watched feeds', security: admin, parameters: [query('status', 'new (default), accepted, dismissed or linked')], responses: { '200': json({ type: 'array', items: ref('InboxItem') }, 'As `docket inbox list --json`'), '400': errors['400'], '401': errors['401'] } },
      },
      '/api/inbox/{id}/accept': {
        post: {
          summary: 'Make a candidate a deadline; any field can be changed',
          security: admin,
          parameters: [path('id', 'Inbox id')],
          requestBody: openApiBody(acceptBody, false),
          responses: { '201': json(ref('Deadline'), 'The new deadline'), ...errors },
        },
      },
      '/api/inbox/{id}/dismiss': {
        post: {
          summary: 'Set a candidate aside; it is never proposed again',
          security: admin,
          parameters: [path('id', 'Inbox id')],
          requestBody: openApiBody(dismissBody, false),
          responses: { '200': json(ref('InboxItem'), 'The dismissed candidate'), ...errors },
        },
      },
      '/api/alerts': {
        get: {
          summary: 'The outbox: alerts, latest first',
          security: admin,
          parameters: [query('status', 'scheduled, sending, sent, failed, skipped or digested'), query('limit', '1–1000, default 100', { type: 'integer' })],
          responses: { '200': json({ type: 'array', items: ref('Alert') }, 'Alerts'), '400': errors['400'], '401': errors['401'] },
        },
      },
    },
  };
}
