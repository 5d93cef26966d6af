CREATE TABLE "storefront"."status_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "status_links_request_idx" ON "storefront"."status_links" USING btree ("request_id");