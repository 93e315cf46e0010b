-- A thread's last activity is derived from its posts when read (visible ones only), instead of a column
-- that every reply had to update: that row update serialised every writer of a thread.
DROP INDEX "threads_consultation_id_pinned_last_post_at_idx";
ALTER TABLE "threads" DROP COLUMN "last_post_at";
CREATE INDEX "threads_consultation_id_pinned_created_at_idx" ON "threads"("consultation_id", "pinned", "created_at");

-- One opening post per thread, and the lookup of a thread's opening post (access checks, real-time
-- audiences) is one index probe instead of a scan of the thread's posts. Not expressible in the Prisma
-- schema (partial index), so written here.
CREATE UNIQUE INDEX "posts_opening_per_thread" ON "posts"("thread_id") WHERE "is_opening";
