-- Full-text search, hand-written: Prisma cannot express generated columns. Weighted so that titles and
-- summaries rank above bodies. The columns are not declared in schema.prisma, so later diffs between
-- schema files leave them alone.
ALTER TABLE "consultations" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("title", '')), 'A') ||
  setweight(to_tsvector('english', coalesce("summary", '')), 'B') ||
  setweight(to_tsvector('english', coalesce("background_source", '')), 'C')) STORED;
CREATE INDEX "consultations_search_idx" ON "consultations" USING GIN ("search");

ALTER TABLE "threads" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("title", '')), 'A')) STORED;
CREATE INDEX "threads_search_idx" ON "threads" USING GIN ("search");

ALTER TABLE "posts" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector('english', coalesce("body_source", ''))) STORED;
CREATE INDEX "posts_search_idx" ON "posts" USING GIN ("search");

ALTER TABLE "positions" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("summary", '')), 'A') ||
  setweight(to_tsvector('english', coalesce("argument_source", '')), 'B') ||
  setweight(to_tsvector('english', coalesce("amendment_text", '')), 'C')) STORED;
CREATE INDEX "positions_search_idx" ON "positions" USING GIN ("search");
