-- DropIndex
DROP INDEX "Subscription_issueId_idx";

-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN "nextReminderAt" DATETIME;
ALTER TABLE "Deadline" ADD COLUMN "remindedAt" DATETIME;
ALTER TABLE "Deadline" ADD COLUMN "remindedRevision" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issueId" INTEGER NOT NULL,
    "deadlineId" INTEGER,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "dataJson" TEXT NOT NULL DEFAULT '{}',
    "notify" BOOLEAN NOT NULL DEFAULT false,
    "fannedOutAt" DATETIME,
    "fanOutCursor" INTEGER NOT NULL DEFAULT 0,
    "fanOutLeaseUntil" DATETIME,
    CONSTRAINT "Event_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "TrackedIssue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("actor", "at", "dataJson", "deadlineId", "fannedOutAt", "id", "issueId", "kind", "notify") SELECT "actor", "at", "dataJson", "deadlineId", "fannedOutAt", "id", "issueId", "kind", "notify" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_issueId_at_idx" ON "Event"("issueId", "at");
CREATE INDEX "Event_deadlineId_at_idx" ON "Event"("deadlineId", "at");
CREATE INDEX "Event_notify_fannedOutAt_idx" ON "Event"("notify", "fannedOutAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Deadline_nextReminderAt_idx" ON "Deadline"("nextReminderAt");

-- CreateIndex
CREATE INDEX "Subscription_issueId_subscriberId_idx" ON "Subscription"("issueId", "subscriberId");


-- Reminders are now made when they fall due, in each follower's zone at that moment. The rows the old
-- engine planned ahead and never attempted are dropped (the same keys are made again at the right
-- moment, so nothing is sent twice), and every open deadline gets a fresh pass at the next tick.
DELETE FROM "Alert" WHERE "kind" = 'reminder' AND "status" = 'scheduled' AND "attempts" = 0;
UPDATE "Deadline" SET "plannedAt" = NULL WHERE "status" IN ('pending', 'extended');

