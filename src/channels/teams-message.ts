// A Teams Workflows webhook body ("post to a channel when a webhook request is received"): a message
// whose one attachment is an Adaptive Card 1.4 with the same content as the Slack message — a bold
// header, a FactSet, the note, and an Action.OpenUrl to the issue page.
import type { ChatContent } from './chat-content.js';
import { fallbackText } from './chat-content.js';

export function teamsMessage(content: ChatContent): Record<string, unknown> {
  const body: Array<Record<string, unknown>> = [
    { type: 'TextBlock', text: content.header, weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'FactSet', facts: content.facts.map((fact) => ({ title: fact.label, value: fact.value })) },
  ];
  if (content.text) body.push({ type: 'TextBlock', text: content.text, wrap: true });
  return {
    type: 'message',
    summary: fallbackText(content),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions: [{ type: 'Action.OpenUrl', title: 'Open the issue', url: content.url }],
        },
      },
    ],
  };
}
