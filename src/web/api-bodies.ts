// The admin API's request bodies, once: the routes parse with them and the OpenAPI document is generated
// from them (z.toJSONSchema), so the two cannot drift. Lengths are caps against abuse; what a value means
// (a zone, a phrase, a status) is checked by the use case, so its message names the field. Where the
// use case takes only some words, `meta({ enum })` documents them without zod refusing first.
import * as z from 'zod';
import { channelKinds, resolvedStatuses } from '../domain/vocabulary.js';

const str = (max: number) => z.string().max(max);
const list = z.array(str(2000)).max(100);
const offsets = z.union([str(200), z.array(str(20)).max(20)]).meta({ description: 'Reminder offsets: "7d,1d,0d", ["P7D","P1D"], "none" or "default".' });
const languages = ['auto', 'en', 'ja', 'ko'] as const;
const due = str(500).meta({ description: 'Read like the CLI\'s --due: an ISO date, a local time or a phrase ("by the end of this month"), relative to `announced` in `zone`.' });

export const issueBody = z.strictObject({ slug: str(100), title: str(1000), summary: str(10_000).optional(), parties: list.optional(), tags: list.optional(), sources: list.optional(), offsets: offsets.optional() });

export const deadlineBody = z.strictObject({
  issue: str(100),
  title: str(1000),
  due,
  announced: str(200).optional(),
  zone: str(100).optional(),
  demandedBy: str(500).optional(),
  demandedOf: str(500).optional(),
  sources: list.optional(),
  offsets: offsets.optional(),
});

export const extendBody = z.strictObject({ due, announced: str(200).optional(), zone: str(100).optional(), note: str(10_000).optional() });
export const resolveBody = z.strictObject({ status: str(50).meta({ enum: [...resolvedStatuses] }), note: str(10_000).optional() });
export const noteBody = z.strictObject({ text: str(10_000) });

export const findBody = z.strictObject({
  text: z.string().max(2_000_000).optional().meta({ description: 'The report itself, plain text or HTML (give this or `url`)' }),
  url: z.string().max(2000).optional().meta({ description: 'A page to fetch and read (give this or `text`)' }),
  announced: str(200).optional(),
  zone: str(100).optional(),
  lang: z.enum(languages).optional(),
});

export const channelBody = z.strictObject({
  name: str(100),
  kind: str(50).meta({ enum: [...channelKinds] }),
  url: str(2000).meta({ description: 'http(s) URL to POST to' }),
  zone: str(100).optional(),
  events: z.union([str(1000), z.array(str(100)).max(20)]).optional().meta({ description: 'Webhook types to deliver, or "all" (default)' }),
  reminders: z.union([str(100), z.array(str(20)).max(10)]).optional().meta({ description: 'Which reminders: 7d, 1d, due, overdue, or "all" (default) or "none"' }),
});

export const sourceBody = z.strictObject({
  url: str(2000),
  name: str(200).optional(),
  issue: str(100).optional(),
  keywords: z.union([str(5000), z.array(str(100)).max(50)]).optional(),
  every: str(50).optional().meta({ description: 'ISO 8601 duration, PT5M–P7D' }),
  lang: str(10).optional().meta({ enum: [...languages] }),
  zone: str(100).optional(),
});

export const acceptBody = z.strictObject({
  issue: str(100).optional(),
  issueTitle: str(1000).optional(),
  title: str(1000).optional(),
  due: due.optional(),
  zone: str(100).optional(),
  demandedBy: str(500).optional(),
  demandedOf: str(500).optional(),
  sources: z.array(str(2000)).max(100).optional(),
  offsets: str(200).optional(),
});

export const dismissBody = z.strictObject({ reason: str(1000).optional() });

/** A request body in the OpenAPI document: the schema as JSON Schema 2020-12 (what OpenAPI 3.1 uses). */
export function openApiBody(schema: z.ZodType, required = true): object {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input' });
  return { required, content: { 'application/json': { schema: jsonSchema } } };
}
