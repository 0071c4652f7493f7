-- CreateTable
CREATE TABLE "Source" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "url" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issueSlug" TEXT,
    "keywordsJson" TEXT NOT NULL DEFAULT '[]',
    "everySeconds" INTEGER NOT NULL DEFAULT 1800,
    "language" TEXT,
    "zone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "etag" TEXT,
    "lastModified" TEXT,
    "lastPolledAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" DATETIME,
    "failureReportedAt" DATETIME,
    "nextPollAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SourceItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "itemKey" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "version" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,
    CONSTRAINT "SourceItem_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "sourceId" INTEGER,
    "itemUrl" TEXT NOT NULL,
    "itemTitle" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "title" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "zone" TEXT NOT NULL,
    "precision" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "reading" TEXT NOT NULL,
    "announcedAt" DATETIME NOT NULL,
    "demandedBy" TEXT NOT NULL DEFAULT '',
    "demandedOf" TEXT NOT NULL DEFAULT '',
    "evidence" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "issueSlug" TEXT,
    "status" TEXT NOT NULL DEFAULT 'new',
    "reason" TEXT,
    "deadlineId" INTEGER,
    "notifiedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_url_key" ON "Source"("url");

-- CreateIndex
CREATE INDEX "Source_status_nextPollAt_idx" ON "Source"("status", "nextPollAt");

-- CreateIndex
CREATE UNIQUE INDEX "SourceItem_sourceId_itemKey_key" ON "SourceItem"("sourceId", "itemKey");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_key_key" ON "InboxItem"("key");

-- CreateIndex
CREATE INDEX "InboxItem_status_createdAt_idx" ON "InboxItem"("status", "createdAt");

