DROP INDEX "hq"."customers_name_trgm_idx";--> statement-breakpoint
DROP INDEX "hq"."prospects_name_trgm_idx";--> statement-breakpoint
CREATE INDEX "prospects_created_idx" ON "hq"."prospects" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "hq"."customers" USING gist ("name_key" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "prospects_name_trgm_idx" ON "hq"."prospects" USING gist ("name_key" gist_trgm_ops);