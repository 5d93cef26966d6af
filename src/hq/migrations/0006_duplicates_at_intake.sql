-- Trigram similarity of company names (duplicate matching at intake); PGlite loads the extension in platform/db.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "hq"."prospect_duplicates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"prospect_id" text NOT NULL,
	"matched_kind" text NOT NULL,
	"matched_id" text NOT NULL,
	"matched_name" text NOT NULL,
	"reasons" text[] NOT NULL,
	"name_similarity" numeric(4, 3),
	"score" integer NOT NULL,
	"status" text DEFAULT 'Open' NOT NULL,
	"dismissed_by" text,
	"dismissed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hq"."customers" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "hq"."customers" ADD COLUMN "name_key" text GENERATED ALWAYS AS (btrim(regexp_replace(regexp_replace(lower(name), '\m(oü|ou|as|gmbh|ag|ltd|limited|llc|inc|oy|ab|bv|nv|sa|sas|srl|spa|plc|corp|co|company|sia|uab|sp z o o)\M', ' ', 'g'), '[^[:alnum:]]+', ' ', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "hq"."prospects" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "hq"."prospects" ADD COLUMN "name_key" text GENERATED ALWAYS AS (btrim(regexp_replace(regexp_replace(lower(company_name), '\m(oü|ou|as|gmbh|ag|ltd|limited|llc|inc|oy|ab|bv|nv|sa|sas|srl|spa|plc|corp|co|company|sia|uab|sp z o o)\M', ' ', 'g'), '[^[:alnum:]]+', ' ', 'g'))) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX "prospect_duplicates_match_idx" ON "hq"."prospect_duplicates" USING btree ("prospect_id","matched_kind","matched_id");--> statement-breakpoint
CREATE INDEX "prospect_duplicates_open_idx" ON "hq"."prospect_duplicates" USING btree ("prospect_id") WHERE status = 'Open';--> statement-breakpoint
CREATE INDEX "customers_email_domain_idx" ON "hq"."customers" USING btree (split_part("email", '@', 2));--> statement-breakpoint
CREATE INDEX "customers_vat_idx" ON "hq"."customers" USING btree ("vat_number");--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "hq"."customers" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "prospects_open_domain_idx" ON "hq"."prospects" USING btree (split_part("email", '@', 2)) WHERE status = 'New';--> statement-breakpoint
CREATE INDEX "prospects_open_vat_idx" ON "hq"."prospects" USING btree ("vat_number") WHERE status = 'New';--> statement-breakpoint
CREATE INDEX "prospects_name_trgm_idx" ON "hq"."prospects" USING gin ("name_key" gin_trgm_ops);