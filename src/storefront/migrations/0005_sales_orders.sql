CREATE TABLE "storefront"."invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"order_id" uuid NOT NULL,
	"hierarchy_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"paid" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "storefront"."orders" ADD COLUMN "hq_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "invoices_organization_idx" ON "storefront"."invoices" USING btree ("hierarchy_id","status");--> statement-breakpoint
CREATE INDEX "invoices_order_idx" ON "storefront"."invoices" USING btree ("order_id");