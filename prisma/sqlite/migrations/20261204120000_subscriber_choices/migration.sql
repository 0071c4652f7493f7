-- Subscriber choices (issue 12): the weekday of weekly digests, and which reminders they get (null = all).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscriber" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "delivery" TEXT NOT NULL DEFAULT 'immediate',
    "weekday" TEXT NOT NULL DEFAULT 'mon',
    "remindersJson" TEXT,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "lastDigestAt" DATETIME,
    "linkKey" TEXT NOT NULL
);
INSERT INTO "new_Subscriber" ("confirmedAt", "createdAt", "delivery", "email", "id", "lastDigestAt", "linkKey", "updatedAt", "zone") SELECT "confirmedAt", "createdAt", "delivery", "email", "id", "lastDigestAt", "linkKey", "updatedAt", "zone" FROM "Subscriber";
DROP TABLE "Subscriber";
ALTER TABLE "new_Subscriber" RENAME TO "Subscriber";
CREATE UNIQUE INDEX "Subscriber_email_key" ON "Subscriber"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

