// The store's rows, named without naming a provider. Both Prisma clients are generated from one schema
// template (prisma/schema.template.prisma), so their model types are the same; the SQLite client's are
// re-exported here, and everything outside src/store imports rows from this file only
// (test/architecture.test.ts holds the code to that).
export type { Channel, Deadline, Event, InboxItem, Source, Subscriber, Subscription, TrackedIssue } from '../generated/sqlite/client.js';
