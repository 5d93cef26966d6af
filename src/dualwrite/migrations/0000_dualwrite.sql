CREATE SCHEMA "dualwrite";
--> statement-breakpoint
CREATE TABLE "dualwrite"."activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"event" text NOT NULL,
	"detail" text,
	"actor" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dualwrite"."cursors" (
	"map_id" text NOT NULL,
	"direction" text NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "cursors_map_id_direction_pk" PRIMARY KEY("map_id","direction")
);
--> statement-breakpoint
CREATE TABLE "dualwrite"."initial_sync_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"after_key" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dualwrite"."leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dualwrite"."ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"direction" text NOT NULL,
	"change_id" bigint,
	"source_key" text NOT NULL,
	"target_key" text,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"fields" jsonb,
	"detail" text,
	"source_at" timestamp with time zone,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dualwrite"."links" (
	"map_id" text NOT NULL,
	"hq_key" text NOT NULL,
	"crm_key" text NOT NULL,
	"clock" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "links_map_id_hq_key_pk" PRIMARY KEY("map_id","hq_key")
);
--> statement-breakpoint
CREATE TABLE "dualwrite"."errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"direction" text NOT NULL,
	"change_id" bigint,
	"source_key" text NOT NULL,
	"reason" text NOT NULL,
	"change" jsonb NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"waiting_for" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dualwrite"."table_maps" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"hq_entity" text NOT NULL,
	"crm_entity" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"field_maps" jsonb NOT NULL,
	"hq_filter" text,
	"crm_filter" text,
	"integration_key" jsonb NOT NULL,
	"master_for_initial_sync" text DEFAULT 'CRM' NOT NULL,
	"execution_order" integer DEFAULT 0 NOT NULL,
	"alert_rule" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"last_synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "activity_map_idx" ON "dualwrite"."activity" USING btree ("map_id","id");--> statement-breakpoint
CREATE INDEX "initial_sync_map_idx" ON "dualwrite"."initial_sync_runs" USING btree ("map_id","id");--> statement-breakpoint
CREATE INDEX "ledger_map_idx" ON "dualwrite"."ledger" USING btree ("map_id","id");--> statement-breakpoint
CREATE INDEX "ledger_source_idx" ON "dualwrite"."ledger" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "ledger_target_idx" ON "dualwrite"."ledger" USING btree ("target_key");--> statement-breakpoint
CREATE UNIQUE INDEX "links_crm_idx" ON "dualwrite"."links" USING btree ("map_id","crm_key");--> statement-breakpoint
CREATE INDEX "errors_map_idx" ON "dualwrite"."errors" USING btree ("map_id","status","created_at");--> statement-breakpoint
CREATE INDEX "errors_waiting_idx" ON "dualwrite"."errors" USING btree ("waiting_for");