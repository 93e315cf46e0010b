-- Full-text search in the consultation's own language (issue 10 item 7): French text is stemmed as
-- French, German as German, English as English, anything else with the language-neutral 'simple'
-- configuration. Hand-written like the first search migration (Prisma cannot express generated columns
-- or triggers); none of these columns is declared in schema.prisma, so schema diffs leave them alone.
--
-- A generated column cannot read another table, so each searchable row keeps the configuration of its
-- consultation in "search_config", set by triggers: from the language on a consultation, from the
-- consultation on a thread, post or position; and a change of a consultation's language carries down.

CREATE FUNCTION "search_config_for"(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE lang WHEN 'en' THEN 'english' WHEN 'fr' THEN 'french' WHEN 'de' THEN 'german' ELSE 'simple' END)::regconfig
$$;

ALTER TABLE "consultations" ADD COLUMN "search_config" regconfig NOT NULL DEFAULT 'english';
ALTER TABLE "threads" ADD COLUMN "search_config" regconfig NOT NULL DEFAULT 'english';
ALTER TABLE "posts" ADD COLUMN "search_config" regconfig NOT NULL DEFAULT 'english';
ALTER TABLE "positions" ADD COLUMN "search_config" regconfig NOT NULL DEFAULT 'english';

CREATE FUNCTION "consultations_set_search_config"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_config" := "search_config_for"(NEW."language");
  RETURN NEW;
END $$;
CREATE TRIGGER "consultations_search_config" BEFORE INSERT OR UPDATE OF "language" ON "consultations"
  FOR EACH ROW EXECUTE FUNCTION "consultations_set_search_config"();

-- Threads, posts and positions take their consultation's (also when moved to another consultation).
CREATE FUNCTION "contributions_set_search_config"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search_config" := coalesce((SELECT c."search_config" FROM "consultations" c WHERE c."id" = NEW."consultation_id"), 'simple'::regconfig);
  RETURN NEW;
END $$;
CREATE TRIGGER "threads_search_config" BEFORE INSERT OR UPDATE OF "consultation_id" ON "threads"
  FOR EACH ROW EXECUTE FUNCTION "contributions_set_search_config"();
CREATE TRIGGER "posts_search_config" BEFORE INSERT OR UPDATE OF "consultation_id" ON "posts"
  FOR EACH ROW EXECUTE FUNCTION "contributions_set_search_config"();
CREATE TRIGGER "positions_search_config" BEFORE INSERT OR UPDATE OF "consultation_id" ON "positions"
  FOR EACH ROW EXECUTE FUNCTION "contributions_set_search_config"();

CREATE FUNCTION "consultations_carry_search_config"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "threads" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  UPDATE "posts" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  UPDATE "positions" SET "search_config" = NEW."search_config" WHERE "consultation_id" = NEW."id" AND "search_config" <> NEW."search_config";
  RETURN NULL;
END $$;
CREATE TRIGGER "consultations_carry_search_config" AFTER UPDATE OF "language" ON "consultations"
  FOR EACH ROW WHEN (OLD."search_config" IS DISTINCT FROM NEW."search_config") EXECUTE FUNCTION "consultations_carry_search_config"();

-- Existing rows: the consultations first, then what belongs to them.
UPDATE "consultations" SET "search_config" = "search_config_for"("language");
UPDATE "threads" t SET "search_config" = c."search_config" FROM "consultations" c WHERE c."id" = t."consultation_id";
UPDATE "posts" p SET "search_config" = c."search_config" FROM "consultations" c WHERE c."id" = p."consultation_id";
UPDATE "positions" s SET "search_config" = c."search_config" FROM "consultations" c WHERE c."id" = s."consultation_id";

-- The vectors again, now with each row's configuration (generated columns are computed after BEFORE
-- triggers, so they see the configuration the trigger set). Dropping a column drops its index.
ALTER TABLE "consultations" DROP COLUMN "search";
ALTER TABLE "consultations" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector("search_config", coalesce("title", '')), 'A') ||
  setweight(to_tsvector("search_config", coalesce("summary", '')), 'B') ||
  setweight(to_tsvector("search_config", coalesce("background_source", '')), 'C')) STORED;
CREATE INDEX "consultations_search_idx" ON "consultations" USING GIN ("search");

ALTER TABLE "threads" DROP COLUMN "search";
ALTER TABLE "threads" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector("search_config", coalesce("title", '')), 'A')) STORED;
CREATE INDEX "threads_search_idx" ON "threads" USING GIN ("search");

ALTER TABLE "posts" DROP COLUMN "search";
ALTER TABLE "posts" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector("search_config", coalesce("body_source", ''))) STORED;
CREATE INDEX "posts_search_idx" ON "posts" USING GIN ("search");

ALTER TABLE "positions" DROP COLUMN "search";
ALTER TABLE "positions" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector("search_config", coalesce("summary", '')), 'A') ||
  setweight(to_tsvector("search_config", coalesce("argument_source", '')), 'B') ||
  setweight(to_tsvector("search_config", coalesce("amendment_text", '')), 'C')) STORED;
CREATE INDEX "positions_search_idx" ON "positions" USING GIN ("search");
