-- Subscriber.linkKey: a random key that unsubscribe, manage and feed links are bound to.
-- Rows from before it get a key marked "legacy-", the only rows that still accept links without one
-- (emails already sent), until their links are rotated.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscriber" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "delivery" TEXT NOT NULL DEFAULT 'immediate',
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "lastDigestAt" DATETIME,
    "linkKey" TEXT NOT NULL
);
INSERT INTO "new_Subscriber" ("id", "email", "zone", "delivery", "confirmedAt", "createdAt", "updatedAt", "lastDigestAt", "linkKey")
SELECT "id", "email", "zone", "delivery", "confirmedAt", "createdAt", "updatedAt", "lastDigestAt", 'legacy-' || lower(hex(randomblob(16))) FROM "Subscriber";
DROP TABLE "Subscriber";
ALTER TABLE "new_Subscriber" RENAME TO "Subscriber";
CREATE UNIQUE INDEX "Subscriber_email_key" ON "Subscriber"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
