-- A small pending list instead of none: inserts append to it and it is merged in bulk, which costs a lead insert a
-- third and its WAL a twentieth; a lookup reads at most 256 kB of it. ALTER, not a rebuild: instant on a large table.
ALTER INDEX "sales"."accounts_name_trgm_idx" SET (fastupdate = true, gin_pending_list_limit = 256);--> statement-breakpoint
ALTER INDEX "sales"."leads_name_trgm_idx" SET (fastupdate = true, gin_pending_list_limit = 256);
