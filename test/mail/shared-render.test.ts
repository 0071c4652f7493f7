// The batch renderer must produce exactly what renderAlert produces for each follower, whatever their
// address holds and whatever a deployer's templates do with it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/mail/alert-view.js';
import { renderAlert } from '../../src/mail/render-alert.js';
import { createAlertRenderer } from '../../src/mail/shared-render.js';
import { context, deadline, reminder, subscriber } from './fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'docket-shared-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const awkwardEmails = [
  'analyst@example.com',
  "o'brien&sons@example.com",
  '"<b>quoted</b>"@example.com',
  'dollar$&sign$1@example.com',
  'docket-standin-a@standin.invalid',
  'docketStandinUnsubA@example.com',
];

function follower(base: AlertView, id: number, email: string, zone = base.subscriber.zone): AlertView {
  return { ...base, alertKey: `r:${id}:${base.alertKey}`, subscriber: subscriber({ id, email, zone }) };
}

describe('createAlertRenderer', () => {
  it('renders each follower exactly as renderAlert would, sharing one rendering per content and zone', () => {
    const ctx = context();
    const render = createAlertRenderer(ctx);
    const views = [reminder('before:P1D'), reminder('due'), reminder('before:P1D', {}, deadline({ id: 43, title: 'Tom & Jerry <script>' }))];
    awkwardEmails.forEach((email, index) => {
      for (const view of views) {
        for (const zone of ['America/New_York', 'Asia/Seoul']) {
          const mine = follower(view, index + 1, email, zone);
          expect(render(mine)).toStrictEqual(renderAlert(mine, ctx));
        }
      }
    });
  });

  it('holds for any address and subscriber id (property)', () => {
    const ctx = context();
    const render = createAlertRenderer(ctx);
    fc.assert(
      fc.property(fc.emailAddress(), fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 2 ** 31 }), (email, extra, id) => {
        const mine = follower(reminder('before:P7D'), id, `${extra}${email}`);
        expect(render(mine)).toStrictEqual(renderAlert(mine, ctx));
      }),
      { numRuns: 200 },
    );
  });

  it('falls back to rendering per follower when a template transforms the address', () => {
    const templatesDir = path.join(dir, 'transforming');
    mkdirSync(templatesDir);
    writeFileSync(path.join(templatesDir, 'reminder.text.eta'), 'Hello <%= it.subscriber.email.split("@")[0].toUpperCase() %>, <%= it.headline %>\n');
    const ctx = context({ templatesDir });
    const render = createAlertRenderer(ctx);
    for (const [index, email] of ['ann@example.com', 'bob@example.org'].entries()) {
      const mine = follower(reminder('before:P1D'), index + 1, email);
      const email1 = render(mine);
      expect(email1).toStrictEqual(renderAlert(mine, ctx));
      expect(email1.text).toMatch(new RegExp(`^Hello ${email.split('@')[0]!.toUpperCase()}, Due in 1 day`));
    }
  });
});
