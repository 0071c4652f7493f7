import { describe, expect, it } from 'vitest';
import type { AlertView, DigestView } from '../../src/mail/alert-view.js';
import { renderDigest } from '../../src/mail/render-alert.js';
import { context, deadline, issue, reminder, subscriber } from './fixtures.js';
import { events, headerBlock, rawMessage, sendAndParse } from './mime.js';

const tariffs = issue({ slug: 'us-eu-steel-tariffs', title: 'US–EU steel tariffs', summary: 'Section 232 tariffs.', parties: ['United States', 'EU'] });
const tariffDeadline = deadline({
  id: 51,
  title: "EU's demand that the US lift steel tariffs",
  demandedBy: 'EU',
  demandedOf: 'United States',
  due: { instant: new Date('2020-06-30T23:59:59.999+02:00'), zone: 'Europe/Brussels', precision: 'day' },
});
const note: AlertView = {
  alertKey: 'sub:7|issue:japan-south-korea-export-controls|note:3',
  issue: issue(),
  subscriber: subscriber(),
  content: { kind: 'event', event: 'issue.note', deadline: null, note: 'Japan declined to comment on each point.', at: new Date('2020-05-30T20:00:00Z') },
};

function digest(items: AlertView[]): DigestView {
  // One day, 09:00 to 09:00 in New York.
  return { subscriber: subscriber(), windowFrom: new Date('2020-05-30T13:00:00Z'), windowTo: new Date('2020-05-31T13:00:00Z'), items };
}

describe('renderDigest', () => {
  const view = digest([reminder('before:P1D'), { ...reminder('before:P7D', {}, tariffDeadline), issue: tariffs }, note]);
  const email = renderDigest(view, context({ now: new Date('2020-05-31T13:00:00Z') }));

  it('counts the updates and dates the digest in the reader\'s zone', () => {
    expect(email.subject).toBe('Docket daily digest — 3 updates (Sun 31 May 2020)');
    expect(renderDigest(digest([note]), context()).subject).toBe('Docket daily digest — 1 update (Sun 31 May 2020)');
  });

  it('groups items by issue, in first-seen order, each with its summary and due moment', () => {
    const text = email.text;
    const korea = text.indexOf('== Japan–South Korea export controls ==');
    const eu = text.indexOf('== US–EU steel tariffs ==');
    expect(korea).toBeGreaterThan(-1);
    expect(eu).toBeGreaterThan(korea);
    // The note (third item) is listed under its issue, before the tariffs group.
    const noteAt = text.indexOf('* Update on Japan–South Korea export controls: Japan declined to comment on each point.');
    expect(noteAt).toBeGreaterThan(korea);
    expect(noteAt).toBeLessThan(eu);
    expect(text).toContain("* Due in 1 day: South Korea's request for Japan's position on export controls — Sun 31 May 2020");
    expect(text).toContain('  Due Sun 31 May, 10:59 EDT (your time) · 1 h 59 min left\n  Seoul: end of Sun 31 May');
    expect(text).toContain('3 updates since Sat 30 May, 09:00 EDT.');
    expect(text).toContain("* Due in 7 days: EU's demand that the US lift steel tariffs — Tue 30 Jun 2020");
    expect(text).toContain('  Due Tue 30 Jun, 17:59 EDT (your time) · 30 days left\n  Brussels: end of Tue 30 Jun');
    expect(text).toContain('http://localhost:8080/issues/us-eu-steel-tariffs');
    expect(email.html).toContain('<a href="http://localhost:8080/issues/us-eu-steel-tariffs" style="color:#0b57d0;">US–EU steel tariffs</a>');
  });

  it('has the same footer and headers as single alerts', async () => {
    const headers = headerBlock(await rawMessage(email, 'analyst@example.com'));
    expect(headers.some((h) => /^List-Unsubscribe: <http:\/\/localhost:8080\/unsubscribe\/\S+>$/.test(h))).toBe(true);
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headers).toContain('Auto-Submitted: auto-generated');
    expect(email.text).toMatch(/Unsubscribe: http:\/\/localhost:8080\/unsubscribe\/\S+/);
    expect(email.html).toContain('>Unsubscribe</a>');
  });

  it('attaches one calendar with each deadline once', async () => {
    const parsed = await sendAndParse(email);
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['docket-deadlines.ics']);
    const uids = events(parsed.attachments[0]!.content.toString('utf8')).map((e) => e.uid);
    expect(uids).toEqual(['deadline-42@docket.example.org', 'deadline-51@docket.example.org']);
    expect(renderDigest(digest([note]), context()).attachments).toEqual([]);
  });

  it('has a Message-ID fixed by subscriber and window', () => {
    const again = renderDigest(view, context({ now: new Date('2020-05-31T13:05:00Z') }));
    expect(again.messageId).toBe(email.messageId);
    const nextDay = renderDigest({ ...view, windowFrom: view.windowTo, windowTo: new Date('2020-06-01T13:00:00Z') }, context());
    expect(nextDay.messageId).not.toBe(email.messageId);
  });
});
