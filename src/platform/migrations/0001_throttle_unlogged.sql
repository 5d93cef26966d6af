-- Throttle counters are short-lived and not worth a WAL flush: unlogged, one address's attempts do not queue
-- behind each other's commits on its counter row. A crash empties the table, which only resets the limits.
ALTER TABLE "platform"."throttle_hits" SET UNLOGGED;
