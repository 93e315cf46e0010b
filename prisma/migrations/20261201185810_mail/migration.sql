-- CreateEnum
CREATE TYPE "MailDelivery" AS ENUM ('instant', 'digest', 'off');

-- CreateEnum
CREATE TYPE "EmailTokenPurpose" AS ENUM ('verify_email', 'reset_password');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('queued', 'sending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "EmailInvitationKind" AS ENUM ('organisation', 'consultation');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "digest_covered_until" TIMESTAMP(3),
ADD COLUMN     "email_verified_at" TIMESTAMP(3),
ADD COLUMN     "mail_decisions" "MailDelivery" NOT NULL DEFAULT 'instant',
ADD COLUMN     "mail_replies" "MailDelivery" NOT NULL DEFAULT 'digest';

-- CreateTable
CREATE TABLE "email_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "purpose" "EmailTokenPurpose" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_mail" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by" TEXT,
    "lease_until" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "outbox_mail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_invitations" (
    "id" TEXT NOT NULL,
    "kind" "EmailInvitationKind" NOT NULL,
    "consultation_id" TEXT,
    "organisation_id" TEXT,
    "email" TEXT NOT NULL,
    "email_key" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "invited_by_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'pending',
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "email_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_tokens_token_hash_key" ON "email_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "email_tokens_user_id_purpose_idx" ON "email_tokens"("user_id", "purpose");

-- CreateIndex
CREATE INDEX "outbox_mail_status_next_attempt_at_idx" ON "outbox_mail"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_mail_created_at_idx" ON "outbox_mail"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "email_invitations_token_hash_key" ON "email_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "email_invitations_consultation_id_status_idx" ON "email_invitations"("consultation_id", "status");

-- CreateIndex
CREATE INDEX "email_invitations_organisation_id_status_idx" ON "email_invitations"("organisation_id", "status");

-- CreateIndex
CREATE INDEX "email_invitations_email_key_status_idx" ON "email_invitations"("email_key", "status");

-- AddForeignKey
ALTER TABLE "email_tokens" ADD CONSTRAINT "email_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Accounts made before verification existed keep contributing: they count as verified from now.
UPDATE "users" SET "email_verified_at" = CURRENT_TIMESTAMP WHERE "email_verified_at" IS NULL;

-- Notifications say what they are about as a message key and parameters, not an English phrase: the
-- phrases written so far become keys here, once, so no reader parses English again.
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'reply', 'params', jsonb_build_object('thread', substring("payload"->>'about' from '^a reply to you in "(.*)"$'))))
 WHERE "payload"->>'about' ~ '^a reply to you in "(.*)"$';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'post', 'params', jsonb_build_object('thread', substring("payload"->>'about' from '^your contribution in "(.*)"$'))))
 WHERE "payload"->>'about' ~ '^your contribution in "(.*)"$';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'position', 'params', jsonb_build_object('ordinal', substring("payload"->>'about' from '^your organisation''s position on question (\d+)$')::int)))
 WHERE "payload"->>'about' ~ '^your organisation''s position on question \d+$';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'thread', 'params', jsonb_build_object('title', substring("payload"->>'about' from '^the thread "(.*)"$'))))
 WHERE "payload"->>'about' ~ '^the thread "(.*)"$';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'amendment', 'params', jsonb_build_object('eId', substring("payload"->>'about' from '^your amendment to (.*)$'))))
 WHERE "payload"->>'about' ~ '^your amendment to (.*)$';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'participation', 'params', jsonb_build_object('consultation', substring("payload"->>'about' from '^your participation in "(.*)" until .*$'), 'until', substring("payload"->>'about' from '^your participation in ".*" until (.*)$'))))
 WHERE "payload"->>'about' ~ '^your participation in "(.*)" until (.*)$';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', '{"key": "account", "params": {}}'::jsonb)
 WHERE "payload"->>'about' = 'your account';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'consultation', 'params', jsonb_build_object('title', "payload"->>'about')))
 WHERE "kind" IN ('consultation_opened', 'consultation_closed') AND jsonb_typeof("payload"->'about') = 'string';
UPDATE "notifications" SET "payload" = jsonb_set("payload", '{about}', jsonb_build_object('key', 'organisation', 'params', jsonb_build_object('name', "payload"->>'about')))
 WHERE "kind" IN ('organisation_verification', 'organisation_invitation') AND jsonb_typeof("payload"->'about') = 'string';
