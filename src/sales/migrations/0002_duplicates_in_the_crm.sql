-- Trigram similarity of company names (duplicate matching in the CRM); the sales schema may live in its own database, so it creates the extension too.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "sales"."lead_duplicates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lead_id" uuid NOT NULL,
	"matched_kind" text NOT NULL,
	"matched_id" uuid NOT NULL,
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
ALTER TABLE "sales"."accounts" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "sales"."accounts" ADD COLUMN "name_key" text GENERATED ALWAYS AS (btrim(regexp_replace(regexp_replace(lower(name), '\m(oü|ou|as|gmbh|ag|ltd|limited|llc|inc|oy|ab|bv|nv|sa|sas|srl|spa|plc|corp|co|company|sia|uab|sp z o o)\M', ' ', 'g'), '[^[:alnum:]]+', ' ', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "sales"."leads" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "sales"."leads" ADD COLUMN "name_key" text GENERATED ALWAYS AS (btrim(regexp_replace(regexp_replace(lower(company_name), '\m(oü|ou|as|gmbh|ag|ltd|limited|llc|inc|oy|ab|bv|nv|sa|sas|srl|spa|plc|corp|co|company|sia|uab|sp z o o)\M', ' ', 'g'), '[^[:alnum:]]+', ' ', 'g'))) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_duplicates_match_idx" ON "sales"."lead_duplicates" USING btree ("lead_id","matched_kind","matched_id");--> statement-breakpoint
CREATE INDEX "lead_duplicates_matched_idx" ON "sales"."lead_duplicates" USING btree ("matched_id");--> statement-breakpoint
CREATE INDEX "accounts_email_domain_idx" ON "sales"."accounts" USING btree (split_part("email", '@', 2));--> statement-breakpoint
CREATE INDEX "accounts_vat_idx" ON "sales"."accounts" USING btree ("vat_number");--> statement-breakpoint
CREATE INDEX "accounts_name_trgm_idx" ON "sales"."accounts" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_email_domain_idx" ON "sales"."contacts" USING btree (split_part("email", '@', 2));--> statement-breakpoint
CREATE INDEX "leads_open_email_idx" ON "sales"."leads" USING btree ("email") WHERE state = 'Open';--> statement-breakpoint
CREATE INDEX "leads_open_domain_idx" ON "sales"."leads" USING btree (split_part("email", '@', 2)) WHERE state = 'Open';--> statement-breakpoint
CREATE INDEX "leads_open_vat_idx" ON "sales"."leads" USING btree ("vat_number") WHERE state = 'Open';--> statement-breakpoint
CREATE INDEX "leads_name_trgm_idx" ON "sales"."leads" USING gin ("name_key" gin_trgm_ops);