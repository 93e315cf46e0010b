-- CreateEnum
CREATE TYPE "QuestionOutcomeKind" AS ENUM ('accepted', 'partly_accepted', 'not_accepted', 'out_of_scope');

-- CreateEnum
CREATE TYPE "ExportJobStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "question_outcomes" (
    "question_id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "outcome" "QuestionOutcomeKind" NOT NULL,
    "reasons" TEXT NOT NULL,
    "updated_by_id" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "question_outcomes_pkey" PRIMARY KEY ("question_id")
);

-- CreateTable
CREATE TABLE "summary_versions" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "markdown" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "summary_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_jobs" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "status" "ExportJobStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "result_path" TEXT,
    "result_size" INTEGER,
    "result_sha256" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "export_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "realtime_events" (
    "seq" SERIAL NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "thread_id" TEXT,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "realtime_events_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "question_outcomes_consultation_id_idx" ON "question_outcomes"("consultation_id");

-- CreateIndex
CREATE UNIQUE INDEX "summary_versions_consultation_id_version_key" ON "summary_versions"("consultation_id", "version");

-- CreateIndex
CREATE INDEX "export_jobs_requested_by_id_created_at_idx" ON "export_jobs"("requested_by_id", "created_at");

-- CreateIndex
CREATE INDEX "realtime_events_consultation_id_seq_idx" ON "realtime_events"("consultation_id", "seq");

-- CreateIndex
CREATE INDEX "realtime_events_thread_id_seq_idx" ON "realtime_events"("thread_id", "seq");


-- Published summary versions are immutable snapshots: refuse UPDATE and DELETE at the database.
CREATE FUNCTION "summary_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'summary_versions are immutable';
END;
$$;
CREATE TRIGGER "summary_versions_no_update" BEFORE UPDATE OR DELETE ON "summary_versions"
  FOR EACH ROW EXECUTE FUNCTION "summary_versions_immutable"();
