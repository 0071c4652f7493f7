-- Channels (issue 12): a channel follows issues through a Subscriber row of kind "channel": its endpoint,
-- signing secrets and health sit in Channel.
-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'email';

-- CreateTable
CREATE TABLE "Channel" (
    "id" SERIAL NOT NULL,
    "subscriberId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT,
    "previousSecret" TEXT,
    "previousSecretUntil" TIMESTAMP(3),
    "eventsJson" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Channel_subscriberId_key" ON "Channel"("subscriberId");

-- CreateIndex
CREATE UNIQUE INDEX "Channel_name_key" ON "Channel"("name");

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

