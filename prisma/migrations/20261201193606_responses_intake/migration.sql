-- CreateEnum
CREATE TYPE "ResponseChannel" AS ENUM ('web', 'email', 'paper', 'partner');

-- DropForeignKey
ALTER TABLE "responses" DROP CONSTRAINT "responses_respondent_id_fkey";

-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "channel" "ResponseChannel" NOT NULL DEFAULT 'web',
ADD COLUMN     "external_name" TEXT,
ADD COLUMN     "external_organisation" TEXT,
ADD COLUMN     "external_ref" TEXT,
ADD COLUMN     "external_register_number" TEXT,
ADD COLUMN     "partner_id" TEXT,
ALTER COLUMN "respondent_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "response_partners" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "response_partners_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "response_partners_key_hash_key" ON "response_partners"("key_hash");

-- CreateIndex
CREATE INDEX "response_partners_consultation_id_idx" ON "response_partners"("consultation_id");

-- CreateIndex
CREATE UNIQUE INDEX "responses_partner_id_external_ref_key" ON "responses"("partner_id", "external_ref");

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_respondent_id_fkey" FOREIGN KEY ("respondent_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "response_partners"("id") ON DELETE SET NULL ON UPDATE CASCADE;

