CREATE SEQUENCE "storefront"."order_numbers" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "storefront"."cart_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"item_number" text NOT NULL,
	"quantity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storefront"."order_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"status" text NOT NULL,
	"actor_id" uuid,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storefront"."order_lines" (
	"order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"item_number" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(18, 2) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "order_lines_order_id_line_number_pk" PRIMARY KEY("order_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "storefront"."orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"hierarchy_id" text NOT NULL,
	"organization_account" text NOT NULL,
	"placed_by" uuid NOT NULL,
	"placed_by_name" text NOT NULL,
	"status" text NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"purchase_order_number" text,
	"note" text,
	"approved_by" uuid,
	"approved_by_name" text,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "cart_lines_user_item_idx" ON "storefront"."cart_lines" USING btree ("user_id","item_number");--> statement-breakpoint
CREATE INDEX "order_history_order_idx" ON "storefront"."order_history" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "orders_organization_idx" ON "storefront"."orders" USING btree ("hierarchy_id","status");--> statement-breakpoint
CREATE INDEX "orders_buyer_idx" ON "storefront"."orders" USING btree ("placed_by","created_at");