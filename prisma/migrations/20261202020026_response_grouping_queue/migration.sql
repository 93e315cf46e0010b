-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "grouped_at" TIMESTAMP(3);

-- Responses submitted before grouping left the request were grouped as they came in.
UPDATE "responses" SET "grouped_at" = COALESCE("submitted_at", CURRENT_TIMESTAMP) WHERE "status" = 'submitted';

-- The grouping queue: submitted responses not yet looked at, in arrival order per consultation. Partial,
-- so it stays as small as the backlog (empty when grouping keeps up) and a poll costs nothing.
CREATE INDEX "responses_grouping_pending_idx" ON "responses" ("consultation_id", "seq") WHERE "status" = 'submitted' AND "grouped_at" IS NULL;
