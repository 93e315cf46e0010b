-- CreateTable
CREATE TABLE "position_citations" (
    "position_id" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "document_id" TEXT NOT NULL,
    "e_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "position_citations_pkey" PRIMARY KEY ("position_id","ordinal")
);

-- CreateIndex
CREATE INDEX "position_citations_document_id_e_id_idx" ON "position_citations"("document_id", "e_id");

-- AddForeignKey
ALTER TABLE "position_citations" ADD CONSTRAINT "position_citations_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position_citations" ADD CONSTRAINT "position_citations_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "text_documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

