CREATE SCHEMA "mail";
--> statement-breakpoint
CREATE TABLE "mail"."messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"recipient" text NOT NULL,
	"language" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"message_id" text NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail"."profile_entries" (
	"profile_id" text NOT NULL,
	"type" text NOT NULL,
	"mode" text NOT NULL,
	CONSTRAINT "profile_entries_profile_id_type_pk" PRIMARY KEY("profile_id","type")
);
--> statement-breakpoint
CREATE TABLE "mail"."profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel_id" text,
	"default_language" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail"."templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"language" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "messages_event_idx" ON "mail"."messages" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "messages_due_idx" ON "mail"."messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "mail"."messages" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_type_language_idx" ON "mail"."templates" USING btree ("type","language");