-- The CRM outbox has one reader, dual-write, which goes by position (txid, id): nothing ever marked a row delivered,
-- and its index on delivered_at was written with every CRM change and read by no query. Duplicate matching looks
-- each lead's e-mail up among the accounts, which scanned every account per lead without an index.
DROP INDEX "sales"."sales_outbox_pending_idx";--> statement-breakpoint
CREATE INDEX "accounts_email_idx" ON "sales"."accounts" USING btree ("email");--> statement-breakpoint
ALTER TABLE "sales"."outbox" DROP COLUMN "delivered_at";