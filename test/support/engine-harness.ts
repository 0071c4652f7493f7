// Wires the real engine to a test database and a real SMTP sink, with ticks at chosen instants.
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { engineSettings, type EngineSettings } from '../../src/engine/engine-config.js';
import { runTick, type TickResult } from '../../src/engine/run-tick.js';
import { smtpMailer, type Mailer } from '../../src/mail/transport.js';
import type { Db } from '../../src/store/open-store.js';
import type { ReceivedMessage, SmtpSink } from './smtp-sink.js';

export const testSecret = 'test-secret-that-is-long-enough-0123456789';

export function testSettings(env: Record<string, string> = {}): EngineSettings {
  return engineSettings(loadConfig({ env: { DOCKET_SECRET: testSecret, BASE_URL: 'http://docket.test', ...env } }));
}

export function testMailer(sink: Pick<SmtpSink, 'url'>, env: Record<string, string> = {}): Mailer {
  const config = loadConfig({ env: { SMTP_URL: sink.url, DOCKET_SECRET: testSecret, ...env } });
  return smtpMailer(config.mail);
}

export interface Harness {
  tick(at: Date | string): Promise<TickResult>;
  settings: EngineSettings;
  mailer: Mailer;
}

export function harness(db: Db, sink: SmtpSink, env: Record<string, string> = {}): Harness {
  const settings = testSettings({ SMTP_URL: sink.url, ...env });
  const mailer = testMailer(sink, env);
  return {
    settings,
    mailer,
    tick: async (at) => {
      const now = typeof at === 'string' ? new Date(at) : at;
      // A clock held at `now`: leases and retry delays count from exactly the tick's instant.
      const lastEvent = (await db.event.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
      const result = await runTick({ now, clock: fixedClock(now), db, mailer, settings, secret: testSecret, random: () => 0.5 });
      // The engine's own invariant: after a tick no deadline's next milestone is left at or before its
      // instant, and every event there was when it started is fanned out. Checked after every tick.
      const unplanned = await db.deadline.count({ where: { nextReminderAt: { lte: now } } });
      const unfanned = await db.event.count({ where: { notify: true, fannedOutAt: null, id: { lte: lastEvent } } });
      if (unplanned + unfanned > 0) throw new Error(`tick at ${now.toISOString()} left ${unplanned} deadline(s) and ${unfanned} event(s) unplanned`);
      return result;
    },
  };
}

export interface Arrival {
  to: string;
  subject: string;
  /** The tick during which the message reached the sink (ISO). */
  tickAt: string;
  message: ReceivedMessage;
}

/** Ticks at each instant in turn and notes which messages arrived during which tick. */
export async function replay(h: Harness, sink: SmtpSink, instants: Iterable<Date | string>): Promise<Arrival[]> {
  const arrivals: Arrival[] = [];
  for (const instant of instants) {
    const at = typeof instant === 'string' ? new Date(instant) : instant;
    const before = sink.messages.length;
    await h.tick(at);
    for (const message of sink.messages.slice(before)) {
      arrivals.push({ to: message.to[0]!, subject: message.parsed?.subject ?? '', tickAt: at.toISOString(), message });
    }
  }
  return arrivals;
}

/** Instants from `from` to `to` inclusive, `stepHours` apart. */
export function* every(from: string, to: string, stepHours = 1): Generator<Date> {
  const end = new Date(to).getTime();
  for (let t = new Date(from).getTime(); t <= end; t += stepHours * 3_600_000) yield new Date(t);
}

/** "Due in 7 days: …" → "Due in 7 days". */
export function label(subject: string): string {
  return subject.split(':')[0]!;
}
