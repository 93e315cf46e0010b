-- Full-text search over draft texts with an index (issue 13 item 7), as posts have it (migration
-- 20261201191148_journeys_search_language): each text unit and amendment keeps its consultation's
-- text-search configuration in "search_config" (set by the same trigger as threads, posts and positions,
-- carried down when the consultation's language changes), and a stored generated "search" vector in
-- that configuration with a GIN index. Hand-written: Prisma cannot express generated columns or
-- triggers, and neither column is declared in schema.prisma, so schema diffs leave them alone.
-- The vectors hold the same words the query used to compute per row (server/texts/search.ts), so the
-- results are unchanged; only the plan is.

ALTER TABLE "text_units" ADD COLUMN "search_config" regconfig NOT NULL DEFAULT 'english';
ALTER TABLE "amendments" ADD COLUMN "search_config" regconfig NOT NULL DEFAULT 'english';

CREATE TRIGGER "text_units_search_config" BEFORE INSERT OR UPDATE OF "consultation_id" ON "text_units"
  FOR EACH ROW EXECUTE FUNCTION "contributions_set_search_config"();
CREATE TRIGGER "amendments_search_config" BEFORE INSERT OR UPDATE OF "consultation_id" ON "amendments"
  FOR EACH ROW EXECUTE FUNCTION "contributions_set_search_config"();

-- The consultation's language carries down to its texts too.
CREATE OR REPLACE FUNCTION "consultations_carry_search_config"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "threads" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  UPDATE "posts" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  UPDATE "positions" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  UPDATE "text_units" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  UPDATE "amendments" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  RETURN NULL;
END $$;

UPDATE "text_units" u SET "search_config" = c."search_config" FROM "consultations" c WHERE c."id" = u."consultation_id";
UPDATE "amendments" a SET "search_config" = c."search_config" FROM "consultations" c WHERE c."id" = a."consultation_id";

ALTER TABLE "text_units" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector("search_config", coalesce("num", '') || ' ' || coalesce("heading", '') || ' ' || "text")) STORED;
CREATE INDEX "text_units_search_idx" ON "text_units" USING GIN ("search");

ALTER TABLE "amendments" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector("search_config", "proposed_text" || ' ' || "quote" || ' ' || "justification_source")) STORED;
CREATE INDEX "amendments_search_idx" ON "amendments" USING GIN ("search");
