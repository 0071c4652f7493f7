-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "TrackedIssue" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "partiesJson" TEXT NOT NULL DEFAULT '[]',
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "sourcesJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "offsetsJson" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrackedIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "demandedBy" TEXT NOT NULL DEFAULT '',
    "demandedOf" TEXT NOT NULL DEFAULT '',
    "announcedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "zone" TEXT NOT NULL,
    "precision" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "sourcesJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "resolutionNote" TEXT,
    "offsetsJson" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "plannedAt" TIMESTAMP(3),
    "importKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "issueId" INTEGER NOT NULL,
    "deadlineId" INTEGER,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "dataJson" TEXT NOT NULL DEFAULT '{}',
    "notify" BOOLEAN NOT NULL DEFAULT false,
    "fannedOutAt" TIMESTAMP(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscriber" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "delivery" TEXT NOT NULL DEFAULT 'immediate',
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastDigestAt" TIMESTAMP(3),

    CONSTRAINT "Subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "subscriberId" INTEGER NOT NULL,
    "issueId" INTEGER NOT NULL,
    "deadlineId" INTEGER,
    "scope" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "subscriberId" INTEGER NOT NULL,
    "deadlineId" INTEGER,
    "eventId" INTEGER,
    "kind" TEXT NOT NULL,
    "milestone" TEXT NOT NULL,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "claimToken" TEXT,
    "sentAt" TIMESTAMP(3),
    "lateSince" TIMESTAMP(3),
    "lastError" TEXT,
    "messageId" TEXT,
    "digestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meta_pkey" PRIMARY KEY ("key")
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

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "TrackedIssue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "TrackedIssue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "TrackedIssue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

