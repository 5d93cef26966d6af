-- The records list finds a key by its beginning in any case (lower(key) LIKE prefix): the plain indexes served no
-- query, since ILIKE, and LIKE outside the C collation, cannot use them.
DROP INDEX "dualwrite"."ledger_source_idx";--> statement-breakpoint
DROP INDEX "dualwrite"."ledger_target_idx";--> statement-breakpoint
CREATE INDEX "ledger_source_idx" ON "dualwrite"."ledger" USING btree (lower("source_key") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "ledger_target_idx" ON "dualwrite"."ledger" USING btree (lower("target_key") text_pattern_ops);