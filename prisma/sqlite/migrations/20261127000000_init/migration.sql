-- CreateTable
CREATE TABLE "TrackedIssue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "partiesJson" TEXT NOT NULL DEFAULT '[]',
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "sourcesJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "offsetsJson" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issueId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "demandedBy" TEXT NOT NULL DEFAULT '',
    "demandedOf" TEXT NOT NULL DEFAULT '',
    "announcedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "zone" TEXT NOT NULL,
    "precision" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "sourcesJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "resolutionNote" TEXT,
    "offsetsJson" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "plannedAt" DATETIME,
    "importKey" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deadline_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "TrackedIssue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issueId" INTEGER NOT NULL,
    "deadlineId" INTEGER,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "dataJson" TEXT NOT NULL DEFAULT '{}',
    "notify" BOOLEAN NOT NULL DEFAULT false,
    "fannedOutAt" DATETIME,
    CONSTRAINT "Event_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "TrackedIssue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Subscriber" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "delivery" TEXT NOT NULL DEFAULT 'immediate',
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "lastDigestAt" DATETIME
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subscriberId" INTEGER NOT NULL,
    "issueId" INTEGER NOT NULL,
    "deadlineId" INTEGER,
    "scope" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Subscription_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "TrackedIssue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "subscriberId" INTEGER NOT NULL,
    "deadlineId" INTEGER,
    "eventId" INTEGER,
    "kind" TEXT NOT NULL,
    "milestone" TEXT NOT NULL,
    "sendAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "claimToken" TEXT,
    "sentAt" DATETIME,
    "lateSince" DATETIME,
    "lastError" TEXT,
    "messageId" TEXT,
    "digestKey" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Alert_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "TrackedIssue_slug_key" ON "TrackedIssue"("slug");

-- CreateIndex
CREATE INDEX "TrackedIssue_status_idx" ON "TrackedIssue"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_importKey_key" ON "Deadline"("importKey");

-- CreateIndex
CREATE INDEX "Deadline_issueId_idx" ON "Deadline"("issueId");

-- CreateIndex
CREATE INDEX "Deadline_status_dueAt_idx" ON "Deadline"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Deadline_plannedAt_idx" ON "Deadline"("plannedAt");

-- CreateIndex
CREATE INDEX "Event_issueId_at_idx" ON "Event"("issueId", "at");

-- CreateIndex
CREATE INDEX "Event_deadlineId_at_idx" ON "Event"("deadlineId", "at");

-- CreateIndex
CREATE INDEX "Event_notify_fannedOutAt_idx" ON "Event"("notify", "fannedOutAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_email_key" ON "Subscriber"("email");

-- CreateIndex
CREATE INDEX "Subscription_issueId_idx" ON "Subscription"("issueId");

-- CreateIndex
CREATE INDEX "Subscription_deadlineId_idx" ON "Subscription"("deadlineId");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_subscriberId_issueId_scope_key" ON "Subscription"("subscriberId", "issueId", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_key_key" ON "Alert"("key");

-- CreateIndex
CREATE INDEX "Alert_status_nextAttemptAt_idx" ON "Alert"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Alert_deadlineId_status_idx" ON "Alert"("deadlineId", "status");

-- CreateIndex
CREATE INDEX "Alert_subscriberId_status_idx" ON "Alert"("subscriberId", "status");

-- CreateIndex
CREATE INDEX "Alert_digestKey_idx" ON "Alert"("digestKey");

