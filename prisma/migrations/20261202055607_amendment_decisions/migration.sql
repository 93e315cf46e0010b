-- AlterTable
ALTER TABLE "moderation_decisions" ADD COLUMN     "amendment_id" TEXT;

-- CreateIndex
CREATE INDEX "moderation_decisions_amendment_id_idx" ON "moderation_decisions"("amendment_id");

-- AddForeignKey
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_amendment_id_fkey" FOREIGN KEY ("amendment_id") REFERENCES "amendments"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill (hand-written). Until now recordDecision dropped the amendment of a decision, so
-- moderation_decisions never stored it and it cannot be recovered from this table. The one exact copy is
-- the author's "decision" notification, whose payload carries both decisionId and amendmentId; that
-- covers what was notified. Decisions nobody was notified of (dismissed flags, proposals) and those whose
-- author deleted their account (notifications go with it) stay unlinked: no guess from timestamps.
UPDATE "moderation_decisions" AS d
SET "amendment_id" = n."payload"->>'amendmentId'
FROM "notifications" AS n
WHERE n."kind" = 'decision'
  AND n."payload"->>'decisionId' = d."id"
  AND d."amendment_id" IS NULL AND d."post_id" IS NULL AND d."position_id" IS NULL
  AND EXISTS (SELECT 1 FROM "amendments" AS a WHERE a."id" = n."payload"->>'amendmentId');
