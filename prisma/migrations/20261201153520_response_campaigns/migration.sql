-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "campaign_id" TEXT;

-- CreateTable
CREATE TABLE "response_campaigns" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "representative_id" TEXT NOT NULL,
    "member_count" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "response_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_campaign_bands" (
    "consultation_id" TEXT NOT NULL,
    "band_key" TEXT NOT NULL,
    "response_id" TEXT NOT NULL,

    CONSTRAINT "response_campaign_bands_pkey" PRIMARY KEY ("consultation_id","band_key","response_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "response_campaigns_representative_id_key" ON "response_campaigns"("representative_id");

-- CreateIndex
CREATE INDEX "response_campaigns_consultation_id_member_count_idx" ON "response_campaigns"("consultation_id", "member_count");

-- CreateIndex
CREATE INDEX "responses_campaign_id_idx" ON "responses"("campaign_id");

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "response_campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_campaigns" ADD CONSTRAINT "response_campaigns_representative_id_fkey" FOREIGN KEY ("representative_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

