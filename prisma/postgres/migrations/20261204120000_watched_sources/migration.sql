-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
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
    "lastPolledAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" TIMESTAMP(3),
    "failureReportedAt" TIMESTAMP(3),
    "nextPollAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceItem" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "itemKey" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "version" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SourceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "sourceId" INTEGER,
    "itemUrl" TEXT NOT NULL,
    "itemTitle" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "zone" TEXT NOT NULL,
    "precision" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "reading" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3) NOT NULL,
    "demandedBy" TEXT NOT NULL DEFAULT '',
    "demandedOf" TEXT NOT NULL DEFAULT '',
    "evidence" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "issueSlug" TEXT,
    "status" TEXT NOT NULL DEFAULT 'new',
    "reason" TEXT,
    "deadlineId" INTEGER,
    "notifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "SourceItem" ADD CONSTRAINT "SourceItem_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

