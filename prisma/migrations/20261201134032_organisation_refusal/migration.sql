-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "verification_refusal" TEXT,
ADD COLUMN     "verification_refused_at" TIMESTAMP(3);

