-- The real-time outbox becomes the domain event log (server/events/). Renamed, not recreated, so that
-- clients reconnecting across the upgrade still replay from the sequence numbers they saw.
ALTER TABLE "realtime_events" RENAME TO "domain_events";
ALTER TABLE "domain_events" RENAME CONSTRAINT "realtime_events_pkey" TO "domain_events_pkey";
ALTER INDEX "realtime_events_consultation_id_seq_idx" RENAME TO "domain_events_consultation_id_seq_idx";
ALTER INDEX "realtime_events_thread_id_seq_idx" RENAME TO "domain_events_thread_id_seq_idx";
ALTER SEQUENCE "realtime_events_seq_seq" RENAME TO "domain_events_seq_seq";

-- 64-bit sequence numbers: a busy forum would exhaust 32 bits in a few years.
ALTER SEQUENCE "domain_events_seq_seq" AS BIGINT;
ALTER TABLE "domain_events" ALTER COLUMN "seq" TYPE BIGINT;

-- For pruning old events.
CREATE INDEX "domain_events_created_at_idx" ON "domain_events"("created_at");
