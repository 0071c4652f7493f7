// The one email to DOCKET_ADMIN_EMAIL when a channel is disabled: which channel, why, and how to turn it
// back on. Plain, short, and without the URL (a credential): host and hash only.
import type { RenderedEmail } from '../mail/email-parts.js';

export function channelDisabledEmail(channel: { id: number; name: string; kind: string }, where: string, reason: string, now: Date, host: string): RenderedEmail {
  const text = [
    `Docket stopped delivering to the ${channel.kind} channel "${channel.name}" (${where}) at ${now.toISOString()}:`,
    '',
    `  ${reason}`,
    '',
    'No new alerts are made for it, and those waiting have failed. When the receiver works again:',
    '',
    `  docket channel test ${channel.name}`,
    `  docket channel enable ${channel.name}`,
    '',
    '(docket doctor and /metrics report disabled channels too.)',
  ].join('\n');
  const html = `<pre style="font-family:monospace;white-space:pre-wrap">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</pre>`;
  return { subject: `Docket: channel ${channel.name} disabled`, text, html, headers: {}, messageId: `<channel-disabled-${channel.id}-${now.getTime()}@${host}>`, attachments: [] };
}
