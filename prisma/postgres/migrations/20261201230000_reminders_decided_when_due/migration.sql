-- DropIndex
DROP INDEX "Subscription_issueId_idx";

-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "nextReminderAt" TIMESTAMP(3),
ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "remindedRevision" INTEGER;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "fanOutCursor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fanOutLeaseUntil" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Deadline_nextReminderAt_idx" ON "Deadline"("nextReminderAt");

-- CreateIndex
CREATE INDEX "Subscription_issueId_subscriberId_idx" ON "Subscription"("issueId", "subscriberId");

-- Reminders are now made when they fall due, in each follower's zone at that moment. The rows the old
-- engine planned ahead and never attempted are dropped (the same keys are made again at the right
-- moment, so nothing is sent twice), and every open deadline gets a fresh pass at the next tick.
DELETE FROM "Alert" WHERE "kind" = 'reminder' AND "status" = 'scheduled' AND "attempts" = 0;
UPDATE "Deadline" SET "plannedAt" = NULL WHERE "status" IN ('pending', 'extended');

