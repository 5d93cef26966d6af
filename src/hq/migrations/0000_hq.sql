CREATE SCHEMA "hq";
--> statement-breakpoint
CREATE TABLE "hq"."channel_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"kind" text NOT NULL,
	"counter" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"prospect_id" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hq"."customer_hierarchies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"organization_account" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_hierarchies_organization_account_unique" UNIQUE("organization_account")
);
--> statement-breakpoint
CREATE TABLE "hq"."customers" (
	"account" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"email" text NOT NULL,
	"phone" text,
	"street" text NOT NULL,
	"city" text NOT NULL,
	"state" text,
	"zip" text NOT NULL,
	"country_region_id" text NOT NULL,
	"language" text NOT NULL,
	"credit_limit" numeric(18, 2),
	"prospect_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq"."distribution_jobs" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"direction" text NOT NULL,
	"schedule_seconds" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hq"."hierarchy_members" (
	"hierarchy_id" text NOT NULL,
	"customer_account" text NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hierarchy_members_hierarchy_id_customer_account_pk" PRIMARY KEY("hierarchy_id","customer_account"),
	CONSTRAINT "hierarchy_members_customer_account_unique" UNIQUE("customer_account")
);
--> statement-breakpoint
CREATE TABLE "hq"."job_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job_code" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"processed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "hq"."number_sequences" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"width" integer NOT NULL,
	"next_value" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq"."online_stores" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"customer_type" text NOT NULL,
	"default_language" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer" text NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hq"."prospects" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"company_name" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"street" text NOT NULL,
	"city" text NOT NULL,
	"state" text,
	"zip" text NOT NULL,
	"country_region_id" text NOT NULL,
	"comments" text,
	"language" text NOT NULL,
	"channel_id" text NOT NULL,
	"lead_id" text,
	"customer_account" text,
	"person_customer_account" text,
	"hierarchy_id" text,
	"rejection_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hq"."customer_hierarchies" ADD CONSTRAINT "customer_hierarchies_organization_account_customers_account_fk" FOREIGN KEY ("organization_account") REFERENCES "hq"."customers"("account") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hq"."hierarchy_members" ADD CONSTRAINT "hierarchy_members_hierarchy_id_customer_hierarchies_id_fk" FOREIGN KEY ("hierarchy_id") REFERENCES "hq"."customer_hierarchies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hq"."hierarchy_members" ADD CONSTRAINT "hierarchy_members_customer_account_customers_account_fk" FOREIGN KEY ("customer_account") REFERENCES "hq"."customers"("account") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_requests_status_idx" ON "hq"."channel_requests" USING btree ("status","counter");--> statement-breakpoint
CREATE INDEX "channel_requests_prospect_idx" ON "hq"."channel_requests" USING btree ("prospect_id");--> statement-breakpoint
CREATE INDEX "customers_email_idx" ON "hq"."customers" USING btree ("email");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "hq"."customers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "job_runs_job_idx" ON "hq"."job_runs" USING btree ("job_code","requested_at");--> statement-breakpoint
CREATE INDEX "job_runs_status_idx" ON "hq"."job_runs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "hq"."outbox" USING btree ("consumer","delivered_at","id");--> statement-breakpoint
CREATE INDEX "prospects_status_idx" ON "hq"."prospects" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prospects_open_email_idx" ON "hq"."prospects" USING btree ("email") WHERE status = 'New';