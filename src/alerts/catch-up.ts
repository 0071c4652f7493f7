// What to do with reminders whose moment has already passed: when Docket was down for a while, or when a
// subscription or deadline is created after some of its milestones. A subscriber back from a weekend
// outage wants one accurate email ("overdue"), not the three stale ones that piled up before it.

import { invalid } from '../errors.js';
import { isOverdueMilestone, type Milestone, type PlannedReminder } from './plan-reminders.js';

export type CatchUpPolicy = 'latest' | 'all' | 'none';
export const catchUpPolicies: readonly CatchUpPolicy[] = ['latest', 'all', 'none'];

export interface CatchUpDecision {
  send: Array<{ milestone: Milestone; sendAt: Date; late: boolean }>;
  skip: Array<{ milestone: Milestone; reason: string }>;
}

export const missedReason = 'missed while Docket was not running';
export const passedReason = 'the deadline passed before it was sent';

/**
 * `due`: unsent reminders of one subscriber × deadline with sendAt <= now (any later ones are left
 * alone: neither sent nor skipped). A reminder is late when now − sendAt > lateAfterMs.
 * - 'latest' (default): only the newest is sent; the rest are 'superseded by <milestone>'.
 * - 'all': every one is sent, oldest first.
 * - 'none': those within lateAfterMs are sent, older ones are skipped as missed.
 * With `dueInstant`, a before/due reminder is never sent once the deadline has passed ("due tomorrow"
 * after the fact is wrong, whatever the policy); it is skipped, and the overdue reminders take over.
 */
export function decideCatchUp(input: {
  due: PlannedReminder[];
  now: Date;
  policy: CatchUpPolicy;
  lateAfterMs: number;
  dueInstant?: Date;
}): CatchUpDecision {
  const { now, policy, lateAfterMs, dueInstant } = input;
  if (!catchUpPolicies.includes(policy)) throw invalid('catch-up policy', policy, `is not one of: ${catchUpPolicies.join(', ')}`);
  if (!Number.isFinite(lateAfterMs) || lateAfterMs < 0) throw invalid('lateAfterMs', lateAfterMs, 'must be zero or more milliseconds');

  const nowMs = now.getTime();
  const age = (p: PlannedReminder) => nowMs - p.sendAt.getTime();
  const decision: CatchUpDecision = { send: [], skip: [] };
  const pending = input.due
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => age(p) >= 0)
    // Oldest first; on a tie the caller's order stands (plans list longer offsets first).
    .sort((a, b) => a.p.sendAt.getTime() - b.p.sendAt.getTime() || a.index - b.index)
    .map(({ p }) => p);

  const candidates: PlannedReminder[] = [];
  for (const p of pending) {
    if (dueInstant && !isOverdueMilestone(p.milestone) && nowMs >= dueInstant.getTime()) {
      decision.skip.push({ milestone: p.milestone, reason: passedReason });
    } else candidates.push(p);
  }

  const send = (p: PlannedReminder) => decision.send.push({ milestone: p.milestone, sendAt: p.sendAt, late: age(p) > lateAfterMs });
  if (policy === 'all') {
    candidates.forEach(send);
  } else if (policy === 'none') {
    for (const p of candidates) {
      if (age(p) <= lateAfterMs) send(p);
      else decision.skip.push({ milestone: p.milestone, reason: missedReason });
    }
  } else {
    const latest = candidates.at(-1);
    for (const p of candidates.slice(0, -1)) decision.skip.push({ milestone: p.milestone, reason: `superseded by ${latest!.milestone}` });
    if (latest) send(latest);
  }
  return decision;
}

const dayMs = 86_400_000;

/**
 * Whether a milestone is owed to someone whose subscription (or deadline) came into being at
 * `plannedAt`. Milestones still ahead are owed. Of those already past, overdue ones never are (the next
 * one comes soon enough), and a before/due one only when it is less than a day old and the deadline has
 * not passed yet: someone subscribing at 15:00 on the due day still gets "due today". This looks at one
 * milestone alone; `applicableReminders` also keeps only the newest such late one, which is what
 * callers planning a whole subscription should use.
 */
export function isApplicable(p: PlannedReminder, ctx: { plannedAt: Date; dueInstant: Date }): boolean {
  const plannedMs = ctx.plannedAt.getTime();
  const sendMs = p.sendAt.getTime();
  if (sendMs >= plannedMs) return true;
  if (isOverdueMilestone(p.milestone)) return false;
  return plannedMs - sendMs < dayMs && plannedMs < ctx.dueInstant.getTime();
}

/** The plan filtered by isApplicable, with at most one before/due milestone whose moment had passed. */
export function applicableReminders(plan: PlannedReminder[], ctx: { plannedAt: Date; dueInstant: Date }): PlannedReminder[] {
  const plannedMs = ctx.plannedAt.getTime();
  const late = plan.filter((p) => p.sendAt.getTime() < plannedMs && isApplicable(p, ctx));
  const newestLate = late.reduce<PlannedReminder | undefined>((best, p) => (!best || p.sendAt.getTime() >= best.sendAt.getTime() ? p : best), undefined);
  return plan.filter((p) => (p.sendAt.getTime() >= plannedMs ? true : p === newestLate));
}
