// Checks a webhook message, or an API answer, against the JSON Schema the OpenAPI document publishes for it.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../src/web/openapi-document.js';

type Doc = { webhooks: Record<string, { post: { requestBody: { content: { 'application/json': { schema: object } } } } }>; components: object };

let ajv: Ajv2020 | undefined;

/** null when `body` is valid for `published` (a schema from the document), else ajv's errors as text. */
function problemsWith(published: object, body: unknown, doc: { components: object }): string | null {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
  }
  const schema = JSON.parse(JSON.stringify(published).replaceAll('"#/components', '"doc#/components')) as object;
  return ajv.validate(schema, body) ? null : JSON.stringify(ajv.errors);
}

/** null when the message is valid for its `type`, else ajv's errors as text. */
export function schemaProblems(message: { type: string }, doc: Doc = openApiDocument('http://docket.test') as Doc): string | null {
  const published = doc.webhooks[message.type]?.post.requestBody.content['application/json'].schema;
  if (!published) return `no schema for type ${message.type}`;
  return problemsWith(published, message, doc);
}

type Operation = { responses: Record<string, { content?: { 'application/json'?: { schema: object } } }> };

/**
 * null when `body` fits what the OpenAPI document says `method path` answers with `status`, else ajv's
 * errors as text: the hand-written response schemas are held to what the routes really send.
 */
export function responseProblems(method: string, path: string, status: number, body: unknown, doc = openApiDocument('http://docket.test') as Doc & { paths: Record<string, Record<string, Operation>> }): string | null {
  const published = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json']?.schema;
  if (!published) return `the document has no ${status} JSON answer for ${method} ${path}`;
  return problemsWith(published, body, doc);
}
