-- AlterEnum
ALTER TYPE "ExportJobStatus" ADD VALUE 'expired';

-- AlterTable
ALTER TABLE "export_jobs" DROP COLUMN "result_path",
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "expires_at" TIMESTAMP(3),
ADD COLUMN     "lease_until" TIMESTAMP(3),
ADD COLUMN     "locked_by" TEXT,
ADD COLUMN     "site_url" TEXT;

-- CreateTable
CREATE TABLE "export_job_chunks" (
    "job_id" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "export_job_chunks_pkey" PRIMARY KEY ("job_id","ordinal")
);

-- CreateIndex
CREATE INDEX "export_jobs_status_created_at_idx" ON "export_jobs"("status", "created_at");

-- AddForeignKey
ALTER TABLE "export_job_chunks" ADD CONSTRAINT "export_job_chunks_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "export_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

