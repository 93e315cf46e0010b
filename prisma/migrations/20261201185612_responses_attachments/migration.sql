-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "suspected_automated_at" TIMESTAMP(3),
ADD COLUMN     "suspected_automated_by_id" TEXT,
ADD COLUMN     "suspected_automated_reason" TEXT;

-- CreateTable
CREATE TABLE "response_attachments" (
    "id" TEXT NOT NULL,
    "response_id" TEXT NOT NULL,
    "question_key" TEXT NOT NULL,
    "uploader_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "extracted_text" TEXT NOT NULL,
    "page_count" INTEGER,
    "withheld_at" TIMESTAMP(3),
    "withheld_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_impersonation_reports" (
    "id" TEXT NOT NULL,
    "response_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "token_hash" TEXT,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "verified_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_impersonation_reports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "response_attachments_response_id_idx" ON "response_attachments"("response_id");

-- CreateIndex
CREATE UNIQUE INDEX "response_impersonation_reports_token_hash_key" ON "response_impersonation_reports"("token_hash");

-- CreateIndex
CREATE INDEX "response_impersonation_reports_response_id_idx" ON "response_impersonation_reports"("response_id");

-- AddForeignKey
ALTER TABLE "response_attachments" ADD CONSTRAINT "response_attachments_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_impersonation_reports" ADD CONSTRAINT "response_impersonation_reports_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express generated columns): the extracted text is searched like posts are.
ALTER TABLE "response_attachments" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (to_tsvector('english', "extracted_text")) STORED;
CREATE INDEX "response_attachments_search_idx" ON "response_attachments" USING GIN ("search");
