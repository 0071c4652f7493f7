// Alert kinds that keep their own time whatever the subscriber's delivery mode: a digest is itself the
// daily email, and a confirmation or welcome answers something the person just did, so none of them
// waits for (or goes into) a digest. Claiming, digests and the backlog metric all read this one list.
export const ownTimeKinds = ['digest', 'confirm', 'welcome'] as const;
