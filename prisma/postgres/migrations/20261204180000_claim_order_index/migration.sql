-- A claim takes the first due alerts in (nextAttemptAt, id) order. With (status, nextAttemptAt) alone,
-- PostgreSQL sorted every due row of a fan-out (all at one time) on each claim to keep a hundred.
-- DropIndex
DROP INDEX "Alert_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "Alert_status_nextAttemptAt_id_idx" ON "Alert"("status", "nextAttemptAt", "id");
