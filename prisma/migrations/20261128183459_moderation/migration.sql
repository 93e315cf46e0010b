-- CreateEnum
CREATE TYPE "ReasonCode" AS ENUM ('off_topic', 'personal_attack', 'harassment', 'misinformation', 'personal_data', 'spam', 'duplicate', 'illegal_content', 'other');

-- CreateEnum
CREATE TYPE "ModerationAction" AS ENUM ('approve', 'reject', 'hide', 'restore', 'edit', 'move', 'lock', 'unlock', 'pin', 'unpin', 'slow_mode', 'mute', 'suspend', 'unsuspend', 'remove_position');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('open', 'upheld', 'overturned');

-- AlterTable
ALTER TABLE "threads" ADD COLUMN     "slow_mode_seconds" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "quarantined" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "positions" ADD COLUMN     "quarantined" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "moderation_decisions" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT,
    "action" "ModerationAction" NOT NULL,
    "post_id" TEXT,
    "position_id" TEXT,
    "thread_id" TEXT,
    "subject_user_id" TEXT,
    "subject_category" "StakeholderCategory",
    "reason_code" "ReasonCode",
    "statement" TEXT,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "decided_by_id" TEXT,
    "confirmed_by_id" TEXT,
    "confirmed_at" TIMESTAMP(3),
    "queued_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "moderation_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flags" (
    "id" TEXT NOT NULL,
    "post_id" TEXT,
    "position_id" TEXT,
    "consultation_id" TEXT NOT NULL,
    "flagger_id" TEXT NOT NULL,
    "reason" "ReasonCode" NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeals" (
    "id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'open',
    "outcome_statement" TEXT,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mutes" (
    "consultation_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "decision_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mutes_pkey" PRIMARY KEY ("consultation_id","user_id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "read_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "consultation_id" TEXT,
    "actor_id" TEXT,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "reason_code" "ReasonCode",
    "statement" TEXT,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "moderation_decisions_consultation_id_created_at_idx" ON "moderation_decisions"("consultation_id", "created_at");

-- CreateIndex
CREATE INDEX "moderation_decisions_subject_user_id_idx" ON "moderation_decisions"("subject_user_id");

-- CreateIndex
CREATE INDEX "moderation_decisions_post_id_idx" ON "moderation_decisions"("post_id");

-- CreateIndex
CREATE INDEX "moderation_decisions_position_id_idx" ON "moderation_decisions"("position_id");

-- CreateIndex
CREATE INDEX "flags_post_id_idx" ON "flags"("post_id");

-- CreateIndex
CREATE INDEX "flags_position_id_idx" ON "flags"("position_id");

-- CreateIndex
CREATE INDEX "flags_consultation_id_resolved_at_idx" ON "flags"("consultation_id", "resolved_at");

-- CreateIndex
CREATE UNIQUE INDEX "flags_flagger_id_post_id_key" ON "flags"("flagger_id", "post_id");

-- CreateIndex
CREATE UNIQUE INDEX "flags_flagger_id_position_id_key" ON "flags"("flagger_id", "position_id");

-- CreateIndex
CREATE UNIQUE INDEX "appeals_decision_id_key" ON "appeals"("decision_id");

-- CreateIndex
CREATE INDEX "appeals_status_idx" ON "appeals"("status");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_seq_key" ON "audit_entries"("seq");

-- CreateIndex
CREATE INDEX "audit_entries_consultation_id_seq_idx" ON "audit_entries"("consultation_id", "seq");

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "moderation_decisions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;




-- The audit trail is append-only: refuse UPDATE and DELETE at the database, whatever the code does.
CREATE FUNCTION "audit_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only';
END;
$$;
CREATE TRIGGER "audit_entries_no_update" BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION "audit_entries_append_only"();
CREATE TRIGGER "audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_append_only"();
