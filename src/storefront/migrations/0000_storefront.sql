CREATE SCHEMA "storefront";
--> statement-breakpoint
CREATE TABLE "storefront"."channel_settings" (
	"channel_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"customer_type" text NOT NULL,
	"default_language" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storefront"."partner_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status_token_hash" text NOT NULL,
	"channel_id" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"company_name" text NOT NULL,
	"street" text NOT NULL,
	"city" text NOT NULL,
	"state" text,
	"zip" text NOT NULL,
	"country_region_id" text NOT NULL,
	"comments" text,
	"language" text NOT NULL,
	"status" text NOT NULL,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_requests_status_token_hash_unique" UNIQUE("status_token_hash")
);
--> statement-breakpoint
CREATE TABLE "storefront"."upload_queue" (
	"counter" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"record_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uploaded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "partner_requests_email_idx" ON "storefront"."partner_requests" USING btree ("email");--> statement-breakpoint
CREATE INDEX "upload_queue_pending_idx" ON "storefront"."upload_queue" USING btree ("uploaded_at","counter");