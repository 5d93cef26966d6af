DROP INDEX "sales"."accounts_name_trgm_idx";--> statement-breakpoint
DROP INDEX "sales"."leads_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "accounts_name_trgm_idx" ON "sales"."accounts" USING gist ("name_key" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "leads_name_trgm_idx" ON "sales"."leads" USING gist ("name_key" gist_trgm_ops);