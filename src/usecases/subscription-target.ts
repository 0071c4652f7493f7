// A subscription with what it follows, as the manage page lists and removes them.
import type { Deadline, Subscription, TrackedIssue } from '../store/models.js';

export type SubscriptionWithTarget = Subscription & { issue: TrackedIssue; deadline: Deadline | null };

/** The relations to include for a SubscriptionWithTarget. */
export const withTarget = { issue: true, deadline: true } as const;
