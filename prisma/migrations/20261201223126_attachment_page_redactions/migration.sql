-- AlterTable
ALTER TABLE "response_attachments" ADD COLUMN     "redacted_content" BYTEA;

-- CreateTable
CREATE TABLE "response_attachment_page_redactions" (
    "id" TEXT NOT NULL,
    "attachment_id" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "reason_code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "moderator_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_attachment_page_redactions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "response_attachment_page_redactions_attachment_id_page_key" ON "response_attachment_page_redactions"("attachment_id", "page");

-- AddForeignKey
ALTER TABLE "response_attachment_page_redactions" ADD CONSTRAINT "response_attachment_page_redactions_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "response_attachments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

