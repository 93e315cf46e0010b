-- AlterTable
ALTER TABLE "flags" ADD COLUMN     "amendment_id" TEXT;

-- CreateIndex
CREATE INDEX "flags_amendment_id_idx" ON "flags"("amendment_id");

-- CreateIndex
CREATE UNIQUE INDEX "flags_flagger_id_amendment_id_key" ON "flags"("flagger_id", "amendment_id");

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_amendment_id_fkey" FOREIGN KEY ("amendment_id") REFERENCES "amendments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A flag is on exactly one contribution: a post, a position or an amendment (hand-written: Prisma's
-- schema language has no CHECK constraints).
ALTER TABLE "flags" ADD CONSTRAINT "flags_one_target_check" CHECK (num_nonnulls("post_id", "position_id", "amendment_id") = 1);
