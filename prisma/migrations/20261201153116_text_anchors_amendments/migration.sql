-- CreateEnum
CREATE TYPE "AmendmentKind" AS ENUM ('replace', 'delete', 'insert_after');

-- CreateEnum
CREATE TYPE "AmendmentOutcomeKind" AS ENUM ('accepted', 'partly_accepted', 'not_accepted', 'withdrawn');

-- CreateTable
CREATE TABLE "thread_anchors" (
    "thread_id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "e_id" TEXT NOT NULL,
    "version_number" INTEGER NOT NULL,
    "span_start" INTEGER,
    "span_end" INTEGER,
    "quote" TEXT,

    CONSTRAINT "thread_anchors_pkey" PRIMARY KEY ("thread_id")
);

-- CreateTable
CREATE TABLE "amendments" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "e_id" TEXT NOT NULL,
    "version_number" INTEGER NOT NULL,
    "kind" "AmendmentKind" NOT NULL,
    "span_start" INTEGER,
    "span_end" INTEGER,
    "quote" TEXT NOT NULL,
    "proposed_text" TEXT NOT NULL,
    "justification_source" TEXT NOT NULL,
    "justification_html" TEXT NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "declaration_of_interests" TEXT,
    "funding_sources" TEXT,
    "author_id" TEXT NOT NULL,
    "organisation_id" TEXT,
    "category" "StakeholderCategory" NOT NULL,
    "status" "PostStatus" NOT NULL,
    "quarantined" BOOLEAN NOT NULL DEFAULT false,
    "outcome" "AmendmentOutcomeKind",
    "outcome_reasons" TEXT,
    "outcome_by_id" TEXT,
    "outcome_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "amendments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "amendment_endorsements" (
    "amendment_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "category" "StakeholderCategory" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "amendment_endorsements_pkey" PRIMARY KEY ("amendment_id","user_id")
);

-- CreateIndex
CREATE INDEX "thread_anchors_document_id_e_id_idx" ON "thread_anchors"("document_id", "e_id");

-- CreateIndex
CREATE INDEX "amendments_document_id_e_id_idx" ON "amendments"("document_id", "e_id");

-- CreateIndex
CREATE INDEX "amendments_consultation_id_status_idx" ON "amendments"("consultation_id", "status");

-- AddForeignKey
ALTER TABLE "thread_anchors" ADD CONSTRAINT "thread_anchors_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "amendment_endorsements" ADD CONSTRAINT "amendment_endorsements_amendment_id_fkey" FOREIGN KEY ("amendment_id") REFERENCES "amendments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

