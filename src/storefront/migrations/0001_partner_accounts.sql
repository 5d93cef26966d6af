CREATE TABLE "storefront"."account_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storefront"."organizations" (
	"hierarchy_id" text PRIMARY KEY NOT NULL,
	"organization_account" text NOT NULL,
	"name" text NOT NULL,
	"credit_limit" numeric(18, 2),
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storefront"."outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer" text NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "storefront"."partner_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hierarchy_id" text NOT NULL,
	"customer_account" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"spending_limit" numeric(18, 2),
	"monthly_spending_limit" numeric(18, 2),
	"password_hash" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "account_tokens_user_idx" ON "storefront"."account_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "storefront"."outbox" USING btree ("consumer","delivered_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_users_email_idx" ON "storefront"."partner_users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "partner_users_hierarchy_idx" ON "storefront"."partner_users" USING btree ("hierarchy_id","status");--> statement-breakpoint
CREATE INDEX "partner_users_customer_idx" ON "storefront"."partner_users" USING btree ("customer_account");