DROP INDEX "sales"."accounts_name_trgm_idx";--> statement-breakpoint
DROP INDEX "sales"."leads_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "accounts_name_trgm_idx" ON "sales"."accounts" USING gin ("name_key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "leads_name_trgm_idx" ON "sales"."leads" USING gin ("name_key" gin_trgm_ops) WITH (fastupdate=false);