CREATE TABLE "sales"."lead_matching_queue" (
	"lead_id" uuid PRIMARY KEY NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
