// Parses an Adaptive Card with Microsoft's own `adaptivecards` package, as Teams would read it. The
// package's ES build imports paths without extensions (Node's ESM loader refuses them), so its CommonJS
// bundle is loaded instead; it wants a DOM, which linkedom supplies.
import { createRequire } from 'node:module';
import { parseHTML } from 'linkedom';

interface ParsedCard {
  version: string;
  items: number;
  actions: number;
  /** Parse and validation problems, as messages; [] for a card Teams accepts. */
  problems: string[];
}

export function parseAdaptiveCard(json: unknown): ParsedCard {
  const globals = globalThis as Record<string, unknown>;
  if (globals.document === undefined) {
    const { window, document } = parseHTML('<html><body></body></html>');
    globals.window = window;
    globals.document = document;
  }
  const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  const validation = card.validateProperties();
  for (const event of validation.validationEvents as Array<{ message: string }>) problems.push(event.message);
  return { version: card.version.toString(), items: card.getItemCount(), actions: card.getActionCount(), problems };
}
