ALTER TABLE "onboarding"."cases" ADD COLUMN "decided_status" text;--> statement-breakpoint
ALTER TABLE "onboarding"."cases" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "onboarding"."cases" ADD COLUMN "customer_account" text;--> statement-breakpoint
ALTER TABLE "onboarding"."cases" ADD COLUMN "person_customer_account" text;--> statement-breakpoint
ALTER TABLE "onboarding"."cases" ADD COLUMN "hierarchy_id" text;--> statement-breakpoint
CREATE INDEX "cases_decided_idx" ON "onboarding"."cases" USING btree ("decided_status","opened_at");--> statement-breakpoint
CREATE INDEX "cases_customer_idx" ON "onboarding"."cases" USING btree ("customer_account");--> statement-breakpoint
CREATE INDEX "cases_person_customer_idx" ON "onboarding"."cases" USING btree ("person_customer_account");