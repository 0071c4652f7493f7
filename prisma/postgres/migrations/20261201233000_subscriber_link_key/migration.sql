-- Subscriber.linkKey: a random key that unsubscribe, manage and feed links are bound to.
-- Rows from before it get a key marked "legacy-", the only rows that still accept links without one
-- (emails already sent), until their links are rotated.
ALTER TABLE "Subscriber" ADD COLUMN "linkKey" TEXT;
UPDATE "Subscriber" SET "linkKey" = 'legacy-' || replace(gen_random_uuid()::text, '-', '');
ALTER TABLE "Subscriber" ALTER COLUMN "linkKey" SET NOT NULL;
