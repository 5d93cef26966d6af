CREATE SCHEMA "sales";
--> statement-breakpoint
CREATE TABLE "sales"."accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"website" text,
	"street" text,
	"city" text,
	"state_province" text,
	"zip" text,
	"country_region_id" text,
	"primary_contact_id" uuid,
	"customer_account" text,
	"status" text NOT NULL,
	"owner_id" text,
	"originating_lead_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales"."contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"first_name" text,
	"last_name" text NOT NULL,
	"job_title" text,
	"email" text,
	"phone" text,
	"street" text,
	"city" text,
	"state_province" text,
	"zip" text,
	"country_region_id" text,
	"account_id" uuid,
	"customer_account" text,
	"status" text NOT NULL,
	"owner_id" text,
	"originating_lead_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales"."leads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"first_name" text,
	"last_name" text NOT NULL,
	"job_title" text,
	"email" text,
	"phone" text,
	"company_name" text,
	"street" text,
	"city" text,
	"state_province" text,
	"zip" text,
	"country_region_id" text,
	"source" text NOT NULL,
	"description" text,
	"owner_id" text,
	"state" text NOT NULL,
	"status_reason" text NOT NULL,
	"prospect_id" text,
	"account_id" uuid,
	"contact_id" uuid,
	"opportunity_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales"."notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"regarding_type" text NOT NULL,
	"regarding_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales"."opportunities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"account_id" uuid,
	"contact_id" uuid,
	"originating_lead_id" uuid,
	"estimated_revenue" numeric(18, 2),
	"estimated_close_date" date,
	"description" text,
	"stage" text NOT NULL,
	"state" text NOT NULL,
	"status_reason" text NOT NULL,
	"actual_revenue" numeric(18, 2),
	"actual_close_date" date,
	"owner_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opportunities_originating_lead_id_unique" UNIQUE("originating_lead_id")
);
--> statement-breakpoint
CREATE TABLE "sales"."opportunity_closes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"status_reason" text NOT NULL,
	"actual_revenue" numeric(18, 2),
	"close_date" date NOT NULL,
	"competitor" text,
	"description" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"changed_fields" jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "accounts_name_idx" ON "sales"."accounts" USING btree ("name");--> statement-breakpoint
CREATE INDEX "contacts_email_idx" ON "sales"."contacts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "leads_state_idx" ON "sales"."leads" USING btree ("state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_prospect_idx" ON "sales"."leads" USING btree ("prospect_id");--> statement-breakpoint
CREATE INDEX "notes_regarding_idx" ON "sales"."notes" USING btree ("regarding_type","regarding_id","created_at");--> statement-breakpoint
CREATE INDEX "opportunities_state_idx" ON "sales"."opportunities" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "sales_outbox_pending_idx" ON "sales"."outbox" USING btree ("delivered_at","id");