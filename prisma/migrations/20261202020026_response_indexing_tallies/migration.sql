-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "indexed_at" TIMESTAMP(3),
ADD COLUMN     "tallied" JSONB;

-- The indexing queue: submitted responses not yet grouped into campaigns and counted, in arrival order per
-- consultation. Partial, so it stays as small as the backlog (empty when the queue keeps up) and a poll
-- costs nothing. Responses submitted before it are in it (indexed_at is null): the first run counts them.
CREATE INDEX "responses_indexing_pending_idx" ON "responses" ("consultation_id", "seq") WHERE "status" = 'submitted' AND "indexed_at" IS NULL;

-- CreateTable
CREATE TABLE "response_tallies" (
    "consultation_id" TEXT NOT NULL,
    "question_key" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "category" "StakeholderCategory" NOT NULL,
    "country" TEXT NOT NULL,
    "channel" "ResponseChannel" NOT NULL,
    "suspected" BOOLEAN NOT NULL,
    "impersonated" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "response_tallies_pkey" PRIMARY KEY ("consultation_id","question_key","answer","category","country","channel","suspected","impersonated")
);

-- AddForeignKey
ALTER TABLE "response_tallies" ADD CONSTRAINT "response_tallies_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The published list filtered by category or by country, newest first, however rare the value.
CREATE INDEX "responses_consultation_id_category_seq_idx" ON "responses"("consultation_id", "category", "seq");
CREATE INDEX "responses_consultation_id_country_seq_idx" ON "responses"("consultation_id", "country", "seq");
