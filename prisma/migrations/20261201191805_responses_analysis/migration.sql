-- AlterEnum
ALTER TYPE "ConsultationRole" ADD VALUE 'analyst';

-- CreateTable
CREATE TABLE "response_codes" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "parent_id" TEXT,
    "label" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "response_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_codings" (
    "id" TEXT NOT NULL,
    "response_id" TEXT NOT NULL,
    "question_key" TEXT NOT NULL,
    "analyst_id" TEXT NOT NULL,
    "coded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_codings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_code_applications" (
    "coding_id" TEXT NOT NULL,
    "code_id" TEXT NOT NULL,

    CONSTRAINT "response_code_applications_pkey" PRIMARY KEY ("coding_id","code_id")
);

-- CreateIndex
CREATE INDEX "response_codes_consultation_id_idx" ON "response_codes"("consultation_id");

-- CreateIndex
CREATE INDEX "response_codings_response_id_idx" ON "response_codings"("response_id");

-- CreateIndex
CREATE UNIQUE INDEX "response_codings_response_id_question_key_analyst_id_key" ON "response_codings"("response_id", "question_key", "analyst_id");

-- CreateIndex
CREATE INDEX "response_code_applications_code_id_idx" ON "response_code_applications"("code_id");

-- AddForeignKey
ALTER TABLE "response_codes" ADD CONSTRAINT "response_codes_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "response_codes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_codings" ADD CONSTRAINT "response_codings_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_code_applications" ADD CONSTRAINT "response_code_applications_coding_id_fkey" FOREIGN KEY ("coding_id") REFERENCES "response_codings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_code_applications" ADD CONSTRAINT "response_code_applications_code_id_fkey" FOREIGN KEY ("code_id") REFERENCES "response_codes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

