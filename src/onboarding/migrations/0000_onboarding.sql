CREATE SCHEMA "onboarding";
--> statement-breakpoint
CREATE TABLE "onboarding"."cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" bigserial NOT NULL,
	"email" text NOT NULL,
	"company_name" text NOT NULL,
	"prospect_id" text,
	"previous_case_id" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE INDEX "cases_prospect_idx" ON "onboarding"."cases" USING btree ("prospect_id");--> statement-breakpoint
CREATE INDEX "cases_email_idx" ON "onboarding"."cases" USING btree ("email","opened_at");--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "onboarding"."cases" USING btree ("opened_at");