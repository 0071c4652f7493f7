import { describe, expect, it } from 'vitest';
import type { AlertView, DeadlineView } from '../../src/mail/alert-view.js';
import { renderAlert } from '../../src/mail/render-alert.js';
import { context, deadline, issue, subscriber } from './fixtures.js';
import { firstEvent } from './mime.js';

const endOfJune = { instant: new Date('2020-06-30T23:59:59.999+09:00'), zone: 'Asia/Seoul', precision: 'day' as const };
const at = new Date('2020-05-29T02:00:00Z'); // 22:00 EDT on Thu 28 May

function event(content: Extract<AlertView['content'], { kind: 'event' }>): AlertView {
  return { alertKey: `sub:7|${content.event}|${content.at.toISOString()}`, issue: issue(), subscriber: subscriber(), content };
}

function resolved(d: DeadlineView): AlertView {
  return event({ kind: 'event', event: 'deadline.resolved', deadline: d, at });
}

describe('renderAlert: events', () => {
  it('announces a new deadline with its due date', () => {
    const email = renderAlert(event({ kind: 'event', event: 'deadline.created', deadline: deadline(), at: new Date('2020-05-12T06:00:00Z') }), context());
    expect(email.subject).toBe("New deadline: South Korea's request for Japan's position on export controls — due Sun 31 May 2020");
    expect(email.text).toContain('Recorded Tue 12 May 2020, 02:00 EDT (America/New_York).');
    expect(email.attachments.map((a) => a.filename)).toEqual(['deadline-42.ics']);
  });

  it('shows an extension from the old to the new date', () => {
    const moved = deadline({ due: endOfJune, status: 'extended', revision: 1 });
    const email = renderAlert(event({ kind: 'event', event: 'deadline.extended', deadline: moved, from: deadline().due, to: endOfJune, at }), context());
    expect(email.subject).toBe("Extended: South Korea's request for Japan's position on export controls — Sun 31 May 2020 → Tue 30 Jun 2020");
    expect(email.text).toContain('Was due: Sun 31 May, 10:59 EDT (your time)');
    expect(email.text).toContain('Due Tue 30 Jun, 10:59 EDT (your time) · 31 days left\nSeoul: end of Tue 30 Jun');
    expect(email.text).toContain('Your reminders now follow the new date');
    expect(email.html).toContain('<s>Sun 31 May, 10:59 EDT</s>');
    const ics = firstEvent(email.attachments[0]!.content);
    expect([ics.sequence, ics.startDate.toString()]).toEqual([1, '2020-06-30']);
  });

  it('labels resolutions by outcome and shows the resolution note', () => {
    const met = renderAlert(resolved(deadline({ status: 'met', resolutionNote: 'Japan replied on 29 May.' })), context());
    expect(met.subject).toBe("Met: South Korea's request for Japan's position on export controls");
    expect(met.text).toContain('Outcome: Japan replied on 29 May.');
    expect(met.text).toContain('Status: Met');
    expect(met.text).toContain('No more reminders for this deadline.');
    expect(met.html).toContain('Japan replied on 29 May.');
    expect(renderAlert(resolved(deadline({ status: 'missed' })), context()).subject).toMatch(/^Missed: South Korea's request/);

    const withdrawn = renderAlert(resolved(deadline({ status: 'withdrawn' })), context());
    expect(withdrawn.subject).toMatch(/^Withdrawn: South Korea's request/);
    expect(withdrawn.attachments[0]!.content).toContain('STATUS:CANCELLED');
  });

  it('words an issue note by its first words and attaches no calendar', () => {
    const note =
      "Japan's Chief Cabinet Secretary declined to comment on each point and said export controls are run on a comprehensive evaluation.";
    const email = renderAlert(event({ kind: 'event', event: 'issue.note', deadline: null, note, at }), context());
    expect(email.subject).toBe("Update on Japan–South Korea export controls: Japan's Chief Cabinet Secretary declined to comment on…");
    expect(email.text).toContain(note);
    expect(email.text).toMatch(/^Update: Japan–South Korea export controls$/m);
    expect(email.attachments).toEqual([]);
  });
});
