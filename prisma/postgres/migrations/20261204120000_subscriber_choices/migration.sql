-- Subscriber choices (issue 12): the weekday of weekly digests, and which reminders they get (null = all).
-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "remindersJson" TEXT,
ADD COLUMN     "weekday" TEXT NOT NULL DEFAULT 'mon';
