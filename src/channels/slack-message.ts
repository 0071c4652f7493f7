// A Slack incoming-webhook body: `text` (the notification and fallback) plus Block Kit blocks — a
// header, the facts as mrkdwn fields, the note, and a button to the issue page. Slack's limits: a header
// is plain_text of at most 150 characters, a section field at most 2000, a section's text 3000.
import type { ChatContent } from './chat-content.js';
import { fallbackText } from './chat-content.js';

export function slackMessage(content: ChatContent): Record<string, unknown> {
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clip(content.header, 150), emoji: false } },
    { type: 'section', fields: content.facts.slice(0, 10).map((fact) => ({ type: 'mrkdwn', text: clip(`*${escape(fact.label)}*\n${escape(fact.value)}`, 2000) })) },
  ];
  if (content.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(escape(content.text), 3000) } });
  blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the issue' }, url: content.url, action_id: 'open-issue' }] });
  return { text: clip(escape(fallbackText(content)), 3000), blocks };
}

/** Slack's three control characters in mrkdwn. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
