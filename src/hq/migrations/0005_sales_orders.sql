CREATE TABLE "hq"."invoice_payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq"."invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"sales_order_id" uuid NOT NULL,
	"customer_account" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"paid" numeric(18, 2) DEFAULT '0' NOT NULL,
	"currency" text NOT NULL,
	"payment_terms" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_number_unique" UNIQUE("number"),
	CONSTRAINT "invoices_sales_order_id_unique" UNIQUE("sales_order_id")
);
--> statement-breakpoint
CREATE TABLE "hq"."sales_order_lines" (
	"sales_order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"item_number" text NOT NULL,
	"name" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(18, 2) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "sales_order_lines_sales_order_id_line_number_pk" PRIMARY KEY("sales_order_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "hq"."sales_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"storefront_order_id" uuid NOT NULL,
	"storefront_order_number" text NOT NULL,
	"channel_id" text NOT NULL,
	"hierarchy_id" text NOT NULL,
	"customer_account" text NOT NULL,
	"buyer_id" text NOT NULL,
	"buyer_name" text NOT NULL,
	"purchase_order_number" text,
	"note" text,
	"status" text NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_orders_number_unique" UNIQUE("number"),
	CONSTRAINT "sales_orders_storefront_order_id_unique" UNIQUE("storefront_order_id")
);
--> statement-breakpoint
ALTER TABLE "hq"."invoice_payments" ADD CONSTRAINT "invoice_payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "hq"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hq"."invoices" ADD CONSTRAINT "invoices_sales_order_id_sales_orders_id_fk" FOREIGN KEY ("sales_order_id") REFERENCES "hq"."sales_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hq"."sales_order_lines" ADD CONSTRAINT "sales_order_lines_sales_order_id_sales_orders_id_fk" FOREIGN KEY ("sales_order_id") REFERENCES "hq"."sales_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_payments_invoice_idx" ON "hq"."invoice_payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "hq"."invoices" USING btree ("customer_account","created_at");--> statement-breakpoint
CREATE INDEX "invoices_status_idx" ON "hq"."invoices" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "sales_orders_customer_idx" ON "hq"."sales_orders" USING btree ("customer_account","created_at");--> statement-breakpoint
CREATE INDEX "sales_orders_status_idx" ON "hq"."sales_orders" USING btree ("status","created_at");