// A property of the engine as a whole: for random sequences of admin and subscriber actions (subscribe,
// unsubscribe, change zone, extend, resolve, change offsets) interleaved with ticks at random instants,
// (a) no milestone reaches anyone twice; (b) every reminder that went out was owed at the tick that sent
// it, judged on the state at that moment (following, deadline open, its moment in the reader's zone then
// already come, and a before/due reminder only before the deadline); (c) none is lost: a milestone whose
// moment comes while nothing changes, followed by a tick before the next one's moment, is sent by it.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { isOverdueMilestone, planReminders } from '../../src/alerts/plan-reminders.js';
import { resolvePolicy } from '../../src/alerts/reminder-policy.js';
import { updateSubscriber } from '../../src/usecases/manage-subscribers.js';
import { harness } from '../support/engine-harness.js';
import { canonical, clearStore, extendDeadline, makeDeadline, makeIssue, makeSubscriber, resolveDeadline, subscribe, unsubscribe } from '../support/factories.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

const zones = ['Asia/Seoul', 'Asia/Tokyo', 'America/New_York', 'Pacific/Honolulu', 'Pacific/Kiritimati', 'Europe/London'];
const start = Date.parse('2020-05-12T10:00:00Z');
const end = Date.parse('2020-06-30T00:00:00Z');
const hour = 3_600_000;

type Action =
  | { kind: 'tick' }
  | { kind: 'zone'; who: number; zone: string }
  | { kind: 'subscribe' | 'unsubscribe'; who: number }
  | { kind: 'extend'; days: number }
  | { kind: 'resolve' }
  | { kind: 'offsets'; offsets: readonly string[] };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'tick' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('zone' as const), who: fc.nat(2), zone: fc.constantFrom(...zones) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('subscribe' as const, 'unsubscribe' as const), who: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extend' as const), days: fc.integer({ min: 3, max: 20 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resolve' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offsets' as const), offsets: fc.constantFrom(['P7D', 'P1D', 'P0D'], ['P3D', 'P0D'], ['P1D']) }) },
);
const steps = fc.array(fc.record({ gapHours: fc.integer({ min: 1, max: 60 }), action }), { minLength: 8, maxLength: 30 });

interface Reader { id: number; email: string; zone: string; following: boolean }
interface State { readers: Reader[]; dueAt: Date; revision: number; open: boolean; offsets: string[] | null }

describeStores('engine properties', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  beforeEach(() => clearStore(ctx.store.db));

  it('random actions and ticks: nothing twice, nothing early or unowed, nothing lost while nothing changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...zones), { minLength: 3, maxLength: 3 }), steps, async (startZones, plan) => {
        const db = ctx.store.db;
        await clearStore(db);
        const issue = await makeIssue(db);
        const readers: Reader[] = [];
        for (const [i, zone] of startZones.entries()) {
          const reader = await makeSubscriber(db, { email: `p${i}@example.com`, zone });
          await subscribe(db, reader.id, issue.id);
          readers.push({ id: reader.id, email: reader.email, zone, following: true });
        }
        const deadline = await makeDeadline(db, issue.id, { notify: false });
        const h = harness(db, sink);
        const state: State = { readers, dueAt: canonical.dueAt, revision: 0, open: true, offsets: null };
        const policyNow = () => resolvePolicy(h.settings.policy, state.offsets === null ? null : [...state.offsets], null);
        const moments = (zone: string) => planReminders({ due: { instant: state.dueAt, zone: 'Asia/Seoul', precision: 'day' }, subscriberZone: zone, policy: policyNow() });
        const sent: Array<{ key: string; to: string; at: number }> = [];
        const problems: string[] = [];
        // Stable stretches: since the last change, per reader: [from, ticks…].
        let changedAt = start;
        let ticks: number[] = [];
        let t = start;
        const from = sink.messages.length;

        const checkStretch = async () => {
          // (c) Between changes, a milestone whose moment came before a tick that is itself before the next
          // milestone's moment must have been sent by that tick (or earlier, or never owed: deadline passed).
          for (const reader of state.readers) {
            if (!reader.following || !state.open) continue;
            const plan = moments(reader.zone);
            for (const [index, p] of plan.entries()) {
              const m = p.sendAt.getTime();
              if (m <= changedAt + 3 * 24 * hour) continue; // moments near a change may be owed or not
              const tick = ticks.find((x) => x >= m);
              const next = plan[index + 1]?.sendAt.getTime() ?? Number.POSITIVE_INFINITY;
              if (tick === undefined || tick >= next) continue; // superseded before any tick saw it
              if (!isOverdueMilestone(p.milestone) && tick >= state.dueAt.getTime()) continue;
              const key = `r:${reader.id}:${deadline.id}:${state.revision}:${p.milestone}`;
              if (!sent.some((s) => s.key === key)) problems.push(`lost: ${key} (moment ${new Date(m).toISOString()}, tick ${new Date(tick).toISOString()}, zone ${reader.zone})`);
            }
          }
        };

        for (const { gapHours, action: a } of plan) {
          t += gapHours * hour;
          if (t > end) break;
          const at = new Date(t);
          if (a.kind === 'tick') {
            const before = sink.messages.length;
            await h.tick(at);
            ticks.push(t);
            for (const message of sink.messages.slice(before)) {
              const key = /<([^@>]+)@/.exec(message.parsed.messageId ?? '')?.[1] ?? '';
              const rows = await db.alert.findMany({ where: { messageId: message.parsed.messageId ?? '' }, select: { key: true, milestone: true, kind: true, subscriberId: true } });
              const row = rows[0];
              if (!row) continue;
              sent.push({ key: row.key, to: message.to[0]!, at: t });
              if (row.kind !== 'reminder') continue;
              // (b) Owed at this tick, on the state now.
              const reader = state.readers.find((r) => r.id === row.subscriberId)!;
              const p = moments(reader.zone).find((x) => x.milestone === row.milestone);
              if (!reader.following) problems.push(`sent to a reader not following: ${row.key}`);
              if (!state.open) problems.push(`sent after the deadline was resolved: ${row.key}`);
              if (!row.key.startsWith(`r:${reader.id}:${deadline.id}:${state.revision}:`)) problems.push(`sent for an old revision: ${row.key}`);
              if (!p) problems.push(`not a milestone of the current policy: ${row.key}`);
              else if (p.sendAt.getTime() > t) problems.push(`sent early: ${row.key} at ${at.toISOString()}, its moment in ${reader.zone} is ${p.sendAt.toISOString()}`);
              if (!isOverdueMilestone(row.milestone) && t >= state.dueAt.getTime()) problems.push(`before/due reminder after the deadline: ${row.key}`);
              void key;
            }
            continue;
          }
          await checkStretch();
          changedAt = t;
          ticks = [];
          const reader = 'who' in a ? state.readers[a.who]! : null;
          if (a.kind === 'zone' && reader) {
            await updateSubscriber({ db, now: at, actor: 'test' }, reader.email, { zone: a.zone });
            reader.zone = a.zone;
          } else if (a.kind === 'subscribe' && reader && !reader.following) {
            await subscribe(db, reader.id, issue.id, { at });
            reader.following = true;
          } else if (a.kind === 'unsubscribe' && reader && reader.following) {
            await unsubscribe(db, reader.id, issue.id);
            reader.following = false;
          } else if (a.kind === 'extend' && state.open) {
            state.dueAt = new Date(Math.max(state.dueAt.getTime(), t) + a.days * 24 * hour);
            await extendDeadline(db, deadline.id, { dueAt: state.dueAt, at });
            state.revision += 1;
          } else if (a.kind === 'resolve' && state.open) {
            await resolveDeadline(db, deadline.id, { status: 'met', at });
            state.open = false;
          } else if (a.kind === 'offsets') {
            await db.trackedIssue.update({ where: { id: issue.id }, data: { offsetsJson: JSON.stringify(a.offsets) } });
            await db.deadline.updateMany({ where: { issueId: issue.id }, data: { plannedAt: null } });
            state.offsets = [...a.offsets];
          }
        }
        await checkStretch();
        // (a) Nothing twice: no key and no Message-ID arrived more than once.
        const ids = sink.messages.slice(from).map((message) => message.parsed.messageId);
        expect(new Set(ids).size, 'a Message-ID arrived twice').toBe(ids.length);
        expect(new Set(sent.map((s) => s.key)).size, 'an alert key was sent twice').toBe(sent.length);
        expect(problems).toEqual([]);
        h.mailer.close();
      }),
      { numRuns: Number(process.env.ENGINE_RUNS ?? 8), endOnFailure: true },
    );
  });
});
