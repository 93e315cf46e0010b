-- CreateTable
CREATE TABLE "response_redactions" (
    "id" TEXT NOT NULL,
    "response_id" TEXT NOT NULL,
    "question_key" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "redacted_text" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "moderator_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_redactions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "response_redactions_response_id_idx" ON "response_redactions"("response_id");

-- AddForeignKey
ALTER TABLE "response_redactions" ADD CONSTRAINT "response_redactions_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_redactions" ADD CONSTRAINT "response_redactions_moderator_id_fkey" FOREIGN KEY ("moderator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

