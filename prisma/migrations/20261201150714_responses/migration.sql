-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('draft', 'submitted');

-- CreateEnum
CREATE TYPE "ConsentChoice" AS ENUM ('publish_named', 'publish_anonymous', 'do_not_publish');

-- CreateTable
CREATE TABLE "questionnaires" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "questionnaires_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "responses" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "respondent_id" TEXT NOT NULL,
    "on_behalf_of_organisation_id" TEXT,
    "capacity_key" TEXT NOT NULL,
    "category" "StakeholderCategory" NOT NULL,
    "country" TEXT,
    "status" "ResponseStatus" NOT NULL DEFAULT 'draft',
    "consent" "ConsentChoice",
    "answers" JSONB NOT NULL,
    "submission_number" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "submitted_at" TIMESTAMP(3),
    "amended_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_versions" (
    "response_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "consent" "ConsentChoice" NOT NULL,
    "country" TEXT,
    "submitted_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "response_versions_pkey" PRIMARY KEY ("response_id","version")
);

-- CreateIndex
CREATE UNIQUE INDEX "questionnaires_consultation_id_key" ON "questionnaires"("consultation_id");

-- CreateIndex
CREATE UNIQUE INDEX "responses_seq_key" ON "responses"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "responses_submission_number_key" ON "responses"("submission_number");

-- CreateIndex
CREATE INDEX "responses_consultation_id_status_seq_idx" ON "responses"("consultation_id", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "responses_consultation_id_respondent_id_capacity_key_key" ON "responses"("consultation_id", "respondent_id", "capacity_key");

-- AddForeignKey
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_respondent_id_fkey" FOREIGN KEY ("respondent_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_on_behalf_of_organisation_id_fkey" FOREIGN KEY ("on_behalf_of_organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_versions" ADD CONSTRAINT "response_versions_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

