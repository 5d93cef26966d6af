CREATE TABLE "mail"."link_reveals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint NOT NULL,
	"staff_user_id" text NOT NULL,
	"staff_name" text NOT NULL,
	"revealed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "link_reveals_message_idx" ON "mail"."link_reveals" USING btree ("message_id");