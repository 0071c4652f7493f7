// docs/webhooks.md prints the JSON Schema of every webhook type: it must be the one the code publishes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { webhookSchema } from '../../src/channels/webhook-schemas.js';
import { webhookEventTypes } from '../../src/domain/vocabulary.js';
import { projectRoot } from '../support/run-cli.js';

it('docs/webhooks.md has each type\'s schema exactly as the OpenAPI document publishes it', () => {
  const doc = readFileSync(path.join(projectRoot, 'docs', 'webhooks.md'), 'utf8');
  const refs = { issue: { $ref: '#/components/schemas/Issue' }, deadline: { $ref: '#/components/schemas/Deadline' } };
  for (const type of webhookEventTypes) {
    const block = new RegExp(`### \`${type.replace('.', '\\.')}\`\\n\\n\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
    expect(block, type).not.toBeNull();
    expect(JSON.parse(block![1]!), type).toEqual(webhookSchema(type, refs));
  }
});
