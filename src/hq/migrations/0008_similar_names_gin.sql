DROP INDEX "hq"."customers_name_trgm_idx";--> statement-breakpoint
DROP INDEX "hq"."prospects_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "hq"."customers" USING gin ("name_key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "prospects_name_trgm_idx" ON "hq"."prospects" USING gin ("name_key" gin_trgm_ops) WITH (fastupdate=false);