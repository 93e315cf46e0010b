-- CreateEnum
CREATE TYPE "RepresentationRequestStatus" AS ENUM ('pending', 'approved', 'refused');

-- CreateTable
CREATE TABLE "representation_requests" (
    "id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "message" TEXT,
    "status" "RepresentationRequestStatus" NOT NULL DEFAULT 'pending',
    "decided_by_id" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "representation_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "representation_requests_organisation_id_status_idx" ON "representation_requests"("organisation_id", "status");

-- CreateIndex
CREATE INDEX "representation_requests_requester_id_created_at_idx" ON "representation_requests"("requester_id", "created_at");

-- AddForeignKey
ALTER TABLE "representation_requests" ADD CONSTRAINT "representation_requests_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "representation_requests" ADD CONSTRAINT "representation_requests_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One pending request per person and organisation: asking again while one waits is refused (409).
CREATE UNIQUE INDEX "representation_requests_one_pending" ON "representation_requests"("organisation_id", "requester_id") WHERE "status" = 'pending';
