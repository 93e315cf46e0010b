-- CreateIndex
CREATE INDEX "posts_parent_id_idx" ON "posts"("parent_id");
