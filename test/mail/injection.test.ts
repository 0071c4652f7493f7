import { describe, expect, it } from 'vitest';
import { renderAlert } from '../../src/mail/render-alert.js';
import { renderDigest } from '../../src/mail/render-digest.js';
import { context, deadline, issue, reminder, subscriber } from './fixtures.js';
import { headerBlock, rawMessage, sendAndParse } from './mime.js';

describe('user text cannot break out', () => {
  it('a title with CR/LF and a header adds no header', async () => {
    const email = renderAlert(reminder('before:P1D', {}, deadline({ title: 'x\r\nBcc: victim@example.com' })), context());
    expect(email.subject).toBe('Due in 1 day: x Bcc: victim@example.com — Sun 31 May 2020');
    expect(email.subject).not.toMatch(/[\r\n]/);

    const raw = await rawMessage(email, 'analyst@example.com');
    expect(headerBlock(raw).filter((h) => /^bcc:/i.test(h))).toEqual([]);
    const parsed = await sendAndParse(email);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('bcc')).toBe(false);
    expect((parsed.to as { text: string }).text).toBe('analyst@example.com');
  });

  it('a note with line breaks and header-like text stays in the subject line', () => {
    const email = renderAlert(
      {
        alertKey: 'k',
        issue: issue({ title: 'Issue\u2028X' }),
        subscriber: subscriber(),
        content: { kind: 'event', event: 'issue.note', deadline: null, note: 'a\nTo: b@example.com\u0000\u202Eevil', at: new Date('2020-05-12T06:00:00Z') },
      },
      context(),
    );
    expect(email.subject).toBe('Update on Issue X: a To: b@example.com evil');
  });

  it('escapes markup in every part of the html', async () => {
    const script = '<script>alert(1)</script>';
    const email = renderAlert(
      reminder(
        'before:P1D',
        { issue: issue({ title: `Issue ${script}`, summary: `Summary ${script}`, sources: ['javascript:alert(2)'] }) },
        deadline({ title: script, demandedBy: '<b>Korea</b>', expression: '" onmouseover="x', resolutionNote: script }),
      ),
      context(),
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>Korea</b>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('href="javascript:');
    // The plain-text part shows the text as written.
    expect(email.text).toContain(`Due in 1 day: ${script}`);

    const parsed = await sendAndParse(email);
    expect(parsed.html || '').not.toContain('<script>');
  });

  it('escapes the digest too', () => {
    const email = renderDigest(
      {
        subscriber: subscriber(),
        windowFrom: new Date('2020-05-30T13:00:00Z'),
        windowTo: new Date('2020-05-31T13:00:00Z'),
        items: [reminder('before:P1D', {}, deadline({ title: '<img src=x onerror=alert(1)>' }))],
      },
      context(),
    );
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
