import { describe, expect, it } from 'vitest';
import { renderAlert } from '../../src/mail/render-alert.js';
import { verifyToken } from '../../src/tokens.js';
import { context, deadline, reminder, secret } from './fixtures.js';
import { firstEvent, headerBlock, rawMessage, sendAndParse } from './mime.js';

// The canonical case: a New York reader, one day before Seoul's end-of-May deadline.
// now = 2020-05-30T13:00Z = 09:00 EDT; due = 2020-05-31T14:59:59.999Z = 23:59 KST = 10:59 EDT.
describe('renderAlert: the 1-day reminder for the canonical case', () => {
  const email = renderAlert(reminder('before:P1D'), context());

  it('says what and when in the subject', () => {
    expect(email.subject).toBe("Due in 1 day: South Korea's request for Japan's position on export controls — Sun 31 May 2020");
  });

  it('survives the trip through a real MIME message', async () => {
    const parsed = await sendAndParse(email);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.messageId).toBe(email.messageId);

    const text = parsed.text ?? '';
    expect(text).toContain('South Korea demands this of Japan');
    // The reader's own time and the countdown first, the issuer's time on the next line.
    expect(text).toContain('Due Sun 31 May, 10:59 EDT (your time) · 1 day 1 h left\nSeoul: end of Sun 31 May · "by the end of this month"');
    expect(text).toContain('Added to your calendar: open the attached invite (deadline-42.ics).');
    // The summary and sources are linked, not repeated.
    expect(text).not.toContain('In July 2019 Japan tightened export controls');
    expect(text).toContain('Summary, sources and history: http://localhost:8080/issues/japan-south-korea-export-controls');
    expect(text).toContain('You get this because analyst@example.com follows this on Docket.');
    expect(text).not.toContain('a subscription you confirmed');

    const html = parsed.html || '';
    expect(html).toContain('Due <strong>Sun 31 May, 10:59 EDT</strong> (your time)');
    expect(html).toContain('Seoul: end of Sun 31 May');
    expect(html).not.toContain('<table');
    expect(html).toContain('href="http://localhost:8080/issues/japan-south-korea-export-controls"');
    expect(html).toMatch(/<a href="http:\/\/localhost:8080\/unsubscribe\/[^"]+"[^>]*>Unsubscribe<\/a>/);
    expect(html).toMatch(/<a href="http:\/\/localhost:8080\/manage\/[^"]+"[^>]*>Manage preferences<\/a>/);
  });

  it('carries one-click unsubscribe and auto-generated headers with a working token', async () => {
    const raw = await rawMessage(email, 'analyst@example.com');
    const headers = headerBlock(raw);
    const listUnsubscribe = headers.find((h) => h.startsWith('List-Unsubscribe:'));
    const url = /<(http:\/\/localhost:8080\/unsubscribe\/([^>]+))>/.exec(listUnsubscribe ?? '');
    expect(url).not.toBeNull();
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headers).toContain('Auto-Submitted: auto-generated');
    // Bound to the address (the engine's view carries no link key): see test/web/link-binding.test.ts.
    expect(verifyToken(secret, url![2]!, { purpose: 'unsubscribe', now: new Date('2021-01-01T00:00:00Z') })).toEqual({ subscriberId: 7, mailPrint: expect.any(String) });

    // The footer link is the same URL the header advertises.
    expect(email.text).toContain(`Unsubscribe: ${url![1]}`);
    const manage = /Manage preferences: http:\/\/localhost:8080\/manage\/(\S+)/.exec(email.text);
    expect(verifyToken(secret, manage![1]!, { purpose: 'manage', now: new Date('2021-01-01T00:00:00Z') })).toEqual({ subscriberId: 7, mailPrint: expect.any(String) });
  });

  it('keeps the Message-ID stable across renders, and distinct per alert', () => {
    const again = renderAlert(reminder('before:P1D'), context({ now: new Date('2020-05-30T14:30:00Z') }));
    expect(again.messageId).toBe(email.messageId);
    expect(email.messageId).toMatch(/^<[0-9a-f]{32}\.docket@docket\.example\.org>$/);
    expect(renderAlert(reminder('due'), context()).messageId).not.toBe(email.messageId);
  });

  it('attaches the deadline as an all-day .ics event on 31 May with a stable UID', async () => {
    const parsed = await sendAndParse(email);
    expect(parsed.attachments).toHaveLength(1);
    const ics = parsed.attachments[0]!;
    expect(ics.filename).toBe('deadline-42.ics');
    expect(ics.contentType).toBe('text/calendar');
    const ctype = ics.headers.get('content-type') as { value: string; params: Record<string, string> };
    expect(ctype.params.method).toBe('PUBLISH');

    const event = firstEvent(ics.content.toString('utf8'));
    expect(event.uid).toBe('deadline-42@docket.example.org');
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2020-05-31');
    expect(event.endDate.toString()).toBe('2020-06-01');
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe("South Korea's request for Japan's position on export controls");

    // After an extension, the same UID with a higher SEQUENCE replaces the event in a calendar.
    const extended = renderAlert(
      reminder('before:P7D', {}, deadline({ due: { instant: new Date('2020-06-30T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' }, revision: 1 })),
      context(),
    );
    const moved = firstEvent(extended.attachments[0]!.content);
    expect(moved.uid).toBe('deadline-42@docket.example.org');
    expect(moved.sequence).toBe(1);
    expect(moved.startDate.toString()).toBe('2020-06-30');
  });
});

describe('renderAlert: other reminders', () => {
  it('words the 7-day, due-day and overdue reminders', () => {
    expect(renderAlert(reminder('before:P7D'), context({ now: new Date('2020-05-24T13:00:00Z') })).subject).toBe(
      "Due in 7 days: South Korea's request for Japan's position on export controls — Sun 31 May 2020",
    );
    expect(renderAlert(reminder('due'), context({ now: new Date('2020-05-31T00:00:00Z') })).subject).toBe(
      "Due today: South Korea's request for Japan's position on export controls — Sun 31 May 2020",
    );
    const overdue = renderAlert(reminder('overdue:1'), context({ now: new Date('2020-06-01T00:00:00Z') }));
    expect(overdue.subject).toBe("Overdue, no answer recorded: South Korea's request for Japan's position on export controls — was due Sun 31 May 2020");
    // 2020-06-01T00:00Z is 20:00 on 31 May in New York, nine hours after the deadline there.
    expect(overdue.text).toContain('overdue by 9 h');
    expect(overdue.text).toContain('Status: Overdue, no answer recorded');
    expect(overdue.text).not.toMatch(/Status: pending/i);
    expect(renderAlert(reminder('overdue:2'), context({ now: new Date('2020-06-08T13:00:00Z') })).subject).toBe(
      "Still overdue, no answer recorded: South Korea's request for Japan's position on export controls — was due Sun 31 May 2020",
    );
  });

  it('says when a reminder went out late, in the reader\'s zone', () => {
    const view = reminder('before:P1D');
    const late = { ...view, content: { ...view.content, late: { scheduledFor: new Date('2020-05-30T13:00:00Z') } } } as typeof view;
    const email = renderAlert(late, context({ now: new Date('2020-05-30T20:15:00Z') }));
    expect(email.text).toContain('Sent late: Docket was not running at 09:00 on Sat 30 May');
    expect(email.html).toContain('Sent late: Docket was not running at 09:00 on Sat 30 May');
    // On time: no such line.
    expect(renderAlert(view, context()).text).not.toContain('Sent late');
  });

  it('shows the due moment once when the reader shares the deadline\'s zone', () => {
    const seoul = reminder('before:P1D', { subscriber: { id: 7, email: 'seoul@example.com', zone: 'Asia/Seoul' } });
    const text = renderAlert(seoul, context()).text;
    expect(text).toContain('Due Sun 31 May, 23:59 UTC+9 · 1 day 1 h left\n"by the end of this month"');
    expect(text).not.toContain('(your time)');
  });
});

describe('renderAlert: phrases that must not mislead', () => {
  it('writes no empty "Who" phrase when the parties are not recorded, and only the recorded one otherwise', () => {
    const none = renderAlert(reminder('before:P1D', {}, deadline({ demandedBy: '', demandedOf: '' })), context());
    expect(none.text).not.toMatch(/Who:|demands this of|\(announced/);
    expect(none.text).toContain('Announced Tue 12 May 2020.');
    const onlyBy = renderAlert(reminder('before:P1D', {}, deadline({ demandedOf: '' })), context());
    expect(onlyBy.text).toContain('Demanded by South Korea (announced Tue 12 May 2020).');
  });

  it('counts hours for a Honolulu reader on the due-day email, never "1 day"', () => {
    // The due-day email reaches Honolulu at 09:00 on 30 May, 20 hours before Seoul's end of 31 May.
    const honolulu = renderAlert(reminder('due', { subscriber: { id: 7, email: 'hi@example.com', zone: 'Pacific/Honolulu' } }), context({ now: new Date('2020-05-30T19:00:00Z') }));
    expect(honolulu.text).toContain('Due Sun 31 May, 04:59 HST (your time) · 19 h 59 min left');
    expect(honolulu.text).not.toMatch(/in 1 day/);
  });
});
