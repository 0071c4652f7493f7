import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAlert } from '../../src/mail/render-alert.js';
import { context, reminder } from './fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'docket-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a deployer\'s templatesDir', () => {
  writeFileSync(path.join(dir, 'reminder.text.eta'), 'CUSTOM <%= it.headline %> | <%= it.deadline.due.forSubscriber %> | <%= it.links.unsubscribe %>\n');
  writeFileSync(path.join(dir, '_footer.html.eta'), '<p class="custom-footer"><a href="<%= it.links.unsubscribe %>">Leave</a></p>\n');

  it('shadows a default template by file name', () => {
    const email = renderAlert(reminder('before:P1D'), context({ templatesDir: dir }));
    expect(email.text).toMatch(/^CUSTOM Due in 1 day \| Sun 31 May 2020, 10:59 EDT \(America\/New_York\) \| http:\/\/localhost:8080\/unsubscribe\/\S+\n$/);
  });

  it('shadows partials used by default templates, and leaves the rest default', () => {
    const email = renderAlert(reminder('before:P1D'), context({ templatesDir: dir }));
    expect(email.html).toContain('<p class="custom-footer"><a href="http://localhost:8080/unsubscribe/');
    expect(email.html).not.toContain('Manage preferences');
    expect(email.html).toContain('Seoul: end of Sun 31 May'); // default reminder.html + _due.html
  });

  it('does not leak into renders without it', () => {
    const email = renderAlert(reminder('before:P1D'), context());
    expect(email.text).not.toContain('CUSTOM');
    expect(email.html).toContain('Manage preferences');
  });
});
