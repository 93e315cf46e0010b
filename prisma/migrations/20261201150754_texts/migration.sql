-- CreateEnum
CREATE TYPE "TextUnitKind" AS ENUM ('title', 'recitals', 'recital', 'chapter', 'section', 'article', 'paragraph', 'point');

-- CreateTable
CREATE TABLE "text_documents" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "text_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "text_versions" (
    "id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "note" TEXT,
    "source_format" TEXT NOT NULL,
    "published_by_id" TEXT NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "text_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "text_units" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "e_id" TEXT NOT NULL,
    "parent_e_id" TEXT,
    "kind" "TextUnitKind" NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "depth" INTEGER NOT NULL,
    "num" TEXT,
    "heading" TEXT,
    "text" TEXT NOT NULL,

    CONSTRAINT "text_units_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "text_documents_consultation_id_ordinal_key" ON "text_documents"("consultation_id", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "text_versions_document_id_number_key" ON "text_versions"("document_id", "number");

-- CreateIndex
CREATE INDEX "text_units_version_id_ordinal_idx" ON "text_units"("version_id", "ordinal");

-- CreateIndex
CREATE INDEX "text_units_document_id_e_id_idx" ON "text_units"("document_id", "e_id");

-- CreateIndex
CREATE UNIQUE INDEX "text_units_version_id_e_id_key" ON "text_units"("version_id", "e_id");

-- AddForeignKey
ALTER TABLE "text_documents" ADD CONSTRAINT "text_documents_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "text_versions" ADD CONSTRAINT "text_versions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "text_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "text_units" ADD CONSTRAINT "text_units_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "text_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

