CREATE TABLE "storefront"."products" (
	"item_number" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"unit" text NOT NULL,
	"price" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"min_quantity" integer,
	"max_quantity" integer,
	"multiple" integer,
	"standard_quantity" integer,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "products_status_name_idx" ON "storefront"."products" USING btree ("status","name");