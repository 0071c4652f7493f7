-- Channels (issue 12): a channel follows issues through a Subscriber row of kind "channel": its endpoint,
-- signing secrets and health sit in Channel.
-- CreateTable
CREATE TABLE "Channel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subscriberId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT,
    "previousSecret" TEXT,
    "previousSecretUntil" DATETIME,
    "eventsJson" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "disabledAt" DATETIME,
    "disabledReason" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Channel_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a defaulted column needs no table rebuild)
ALTER TABLE "Subscriber" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'email';

-- CreateIndex
CREATE UNIQUE INDEX "Channel_subscriberId_key" ON "Channel"("subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "Channel_name_key" ON "Channel"("name");

