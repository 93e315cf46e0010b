-- AlterTable
ALTER TABLE "users" ADD COLUMN     "legal_name" TEXT,
ADD COLUMN     "pseudonym_verified_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "pseudonym_requests" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "legal_name" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pseudonym_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pseudonym_requests_user_id_idx" ON "pseudonym_requests"("user_id");

-- CreateIndex
CREATE INDEX "pseudonym_requests_status_idx" ON "pseudonym_requests"("status");

-- AddForeignKey
ALTER TABLE "pseudonym_requests" ADD CONSTRAINT "pseudonym_requests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

