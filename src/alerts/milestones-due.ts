// Which reminder milestones one pass of the engine makes rows for, and for which followers. A pass runs
// for one deadline at `now`, per zone its followers are in; this decides, from that zone's plan alone,
// what is owed by now. Pure: the engine turns each step into one set-based INSERT, and the preview and
// the tests use the same steps, so what is sent and what is shown cannot drift apart.
//
// Rules (docs/alert-timing.md):
// - A milestone is decided when its moment comes. Followers who were following then get it on time.
// - Someone who starts following after a before/due milestone's moment still gets the newest such one
//   if it is less than a day old and the deadline has not passed; never a past overdue one.
// - After downtime, catch-up 'latest' makes only the newest missed milestone (marked late); 'all' makes
//   each; 'none' drops those older than lateAfter.
// - A before/due milestone is never made once the deadline has passed; the overdue ones take over.
// - A follower who already has a row for the milestone (or, under 'latest'/'none', for a later one)
//   gets none: a zone change can move a moment, never repeat it.
import type { CatchUpPolicy } from './catch-up.js';
import { isOverdueMilestone, type PlannedReminder } from './plan-reminders.js';

export interface PassContext {
  now: Date;
  dueInstant: Date;
  /** When the current due moment was set (the deadline added, or last extended). */
  dueSetAt: Date;
  /** The `now` of the last pass for this revision: milestones up to it are decided. null = none yet. */
  decidedUntil: Date | null;
  /** Followers, zones or choices changed since that pass: moments before it are looked at again. */
  dirty: boolean;
  /**
   * The tick before this one (any instance's). A moment after it was missed because Docket was not
   * running; one before it was not (the reader was elsewhere, or came later). null = no tick before.
   */
  previousTick: Date | null;
  catchUp: CatchUpPolicy;
  lateAfterMs: number;
  /** Nothing older is made again (sent rows are pruned after DOCKET_KEEP_ALERTS). */
  keepSince?: Date;
}

export interface MilestoneStep {
  milestone: string;
  sendAt: Date;
  /** A follower who has a row for any of these milestones (current revision) gets none for this one. */
  blockedBy: string[];
  /** Followers since at most this instant are owed it on time; null = no one is. */
  onTimeUntil: Date | null;
  /** Followers who came later are owed it if they came before this instant; null = they are not. */
  joinedBefore: Date | null;
  /** Set when Docket missed the moment: the on-time, immediate followers' emails say they are late. */
  late: Date | null;
}

const dayMs = 86_400_000;
/** How far back a dirty pass looks: a zone change moves a moment by at most 26 h, plus a guard day. */
export const dirtyLookbackMs = 3 * dayMs;

/** The steps of one pass for one zone's plan, in the order they must run. */
export function milestonesDue(plan: readonly PlannedReminder[], ctx: PassContext): MilestoneStep[] {
  const nowMs = ctx.now.getTime();
  const dueMs = ctx.dueInstant.getTime();
  const decidedMs = ctx.decidedUntil?.getTime() ?? Number.NEGATIVE_INFINITY;
  const lookback = Math.max(ctx.dirty ? decidedMs - dirtyLookbackMs : decidedMs, ctx.keepSince?.getTime() ?? Number.NEGATIVE_INFINITY);
  const order = plan.map((p) => p.milestone);
  const steps: MilestoneStep[] = [];
  plan.forEach((p, index) => {
    const t = p.sendAt.getTime();
    if (t > nowMs || t <= lookback) return;
    const overdue = isOverdueMilestone(p.milestone);
    if (!overdue && nowMs >= dueMs) return;
    const missed = (ctx.previousTick === null || t > ctx.previousTick.getTime()) && nowMs - t > ctx.lateAfterMs;
    if (ctx.catchUp === 'none' && missed && t >= ctx.dueSetAt.getTime()) return;
    const joinLimit = Math.min(t + dayMs, dueMs);
    const joinedBefore = !overdue && ctx.dueSetAt.getTime() < joinLimit ? new Date(joinLimit) : null;
    const onTimeUntil = ctx.dueSetAt.getTime() <= t ? p.sendAt : null;
    if (onTimeUntil === null && joinedBefore === null) return;
    steps.push({
      milestone: p.milestone,
      sendAt: p.sendAt,
      blockedBy: ctx.catchUp === 'all' ? [p.milestone] : order.slice(index),
      onTimeUntil,
      joinedBefore,
      late: missed && onTimeUntil !== null ? p.sendAt : null,
    });
  });
  // 'latest' and 'none': the newest first, so it blocks the older ones for everyone who gets it.
  return ctx.catchUp === 'all' ? steps : steps.reverse();
}

/** Whether a follower who started following at `since` is owed a step (the SQL form is in the engine). */
export function owedTo(step: MilestoneStep, since: Date): boolean {
  return (step.onTimeUntil !== null && since <= step.onTimeUntil) || (step.joinedBefore !== null && since < step.joinedBefore);
}

/** When this plan next needs a pass: its first moment after `now`, or null. */
export function nextMoment(plan: readonly PlannedReminder[], now: Date): Date | null {
  let next: Date | null = null;
  for (const p of plan) if (p.sendAt > now && (next === null || p.sendAt < next)) next = p.sendAt;
  return next;
}
