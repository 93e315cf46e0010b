-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "StakeholderCategory" AS ENUM ('child_rights', 'civil_society', 'digital_rights', 'industry', 'public_authority', 'academia', 'individual');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "OrganisationRole" AS ENUM ('member', 'representative');

-- CreateEnum
CREATE TYPE "ConsultationRole" AS ENUM ('organiser', 'moderator', 'participant', 'observer');

-- CreateEnum
CREATE TYPE "ConsultationStatus" AS ENUM ('draft', 'open', 'closed', 'summary_published', 'archived');

-- CreateEnum
CREATE TYPE "AccessMode" AS ENUM ('open', 'transparent', 'restricted', 'chatham_house');

-- CreateEnum
CREATE TYPE "ModerationMode" AS ENUM ('pre', 'post', 'newcomers');

-- CreateEnum
CREATE TYPE "ThreadStatus" AS ENUM ('open', 'locked', 'archived');

-- CreateEnum
CREATE TYPE "PostStatus" AS ENUM ('published', 'pending', 'rejected', 'hidden', 'withdrawn');

-- CreateEnum
CREATE TYPE "ReplyType" AS ENUM ('supports', 'contests', 'clarifies', 'question');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('support', 'support_with_amendments', 'oppose', 'neutral');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('study', 'data', 'legal_analysis', 'lived_experience', 'other');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_key" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "category" "StakeholderCategory" NOT NULL DEFAULT 'individual',
    "is_admin" BOOLEAN NOT NULL DEFAULT false,
    "status" "UserStatus" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "sid" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisations" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "category" "StakeholderCategory" NOT NULL,
    "country" TEXT NOT NULL,
    "website" TEXT,
    "transparency_register_id" TEXT,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "verified_at" TIMESTAMP(3),
    "verified_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisation_memberships" (
    "user_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "role" "OrganisationRole" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisation_memberships_pkey" PRIMARY KEY ("user_id","organisation_id")
);

-- CreateTable
CREATE TABLE "consultations" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "background_html" TEXT NOT NULL DEFAULT '',
    "background_source" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'en',
    "status" "ConsultationStatus" NOT NULL DEFAULT 'draft',
    "access_mode" "AccessMode" NOT NULL DEFAULT 'open',
    "moderation_mode" "ModerationMode" NOT NULL DEFAULT 'post',
    "newcomer_threshold" INTEGER NOT NULL DEFAULT 3,
    "flag_hide_threshold" INTEGER NOT NULL DEFAULT 3,
    "opens_at" TIMESTAMP(3),
    "closes_at" TIMESTAMP(3),
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "consultations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questions" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "explanation" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consultation_members" (
    "consultation_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "ConsultationRole" NOT NULL,
    "added_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consultation_members_pkey" PRIMARY KEY ("consultation_id","user_id")
);

-- CreateTable
CREATE TABLE "consultation_organisations" (
    "consultation_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "role" "ConsultationRole" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consultation_organisations_pkey" PRIMARY KEY ("consultation_id","organisation_id")
);

-- CreateTable
CREATE TABLE "threads" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "question_id" TEXT,
    "title" TEXT NOT NULL,
    "status" "ThreadStatus" NOT NULL DEFAULT 'open',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "author_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_post_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posts" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "thread_id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "parent_id" TEXT,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "is_opening" BOOLEAN NOT NULL DEFAULT false,
    "reply_type" "ReplyType",
    "quoted_post_id" TEXT,
    "author_id" TEXT NOT NULL,
    "on_behalf_of_organisation_id" TEXT,
    "author_category" "StakeholderCategory" NOT NULL,
    "body_source" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "status" "PostStatus" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "edited_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_revisions" (
    "id" TEXT NOT NULL,
    "post_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body_source" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "edited_by_id" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "positions" (
    "id" TEXT NOT NULL,
    "consultation_id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "stance" "Stance" NOT NULL,
    "summary" TEXT NOT NULL,
    "argument_source" TEXT NOT NULL,
    "argument_html" TEXT NOT NULL,
    "amendment_text" TEXT,
    "declaration_of_interests" TEXT,
    "funding_sources" TEXT,
    "category" "StakeholderCategory" NOT NULL,
    "status" "PostStatus" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "position_evidence" (
    "id" TEXT NOT NULL,
    "position_id" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "citation" TEXT NOT NULL,
    "url" TEXT,

    CONSTRAINT "position_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "position_revisions" (
    "id" TEXT NOT NULL,
    "position_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "author_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "position_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endorsements" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "post_id" TEXT,
    "position_id" TEXT,
    "category" "StakeholderCategory" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "endorsements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "user_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "post_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id","key")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key_key" ON "users"("email_key");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_sid_key" ON "sessions"("sid");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "organisations_name_key_key" ON "organisations"("name_key");

-- CreateIndex
CREATE INDEX "organisation_memberships_organisation_id_idx" ON "organisation_memberships"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "consultations_slug_key" ON "consultations"("slug");

-- CreateIndex
CREATE INDEX "consultations_status_created_at_idx" ON "consultations"("status", "created_at");

-- CreateIndex
CREATE INDEX "questions_consultation_id_ordinal_idx" ON "questions"("consultation_id", "ordinal");

-- CreateIndex
CREATE INDEX "consultation_members_user_id_idx" ON "consultation_members"("user_id");

-- CreateIndex
CREATE INDEX "consultation_organisations_organisation_id_idx" ON "consultation_organisations"("organisation_id");

-- CreateIndex
CREATE INDEX "threads_consultation_id_pinned_last_post_at_idx" ON "threads"("consultation_id", "pinned", "last_post_at");

-- CreateIndex
CREATE UNIQUE INDEX "posts_seq_key" ON "posts"("seq");

-- CreateIndex
CREATE INDEX "posts_thread_id_seq_idx" ON "posts"("thread_id", "seq");

-- CreateIndex
CREATE INDEX "posts_consultation_id_status_idx" ON "posts"("consultation_id", "status");

-- CreateIndex
CREATE INDEX "posts_author_id_idx" ON "posts"("author_id");

-- CreateIndex
CREATE UNIQUE INDEX "post_revisions_post_id_version_key" ON "post_revisions"("post_id", "version");

-- CreateIndex
CREATE INDEX "positions_consultation_id_status_idx" ON "positions"("consultation_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "positions_question_id_organisation_id_key" ON "positions"("question_id", "organisation_id");

-- CreateIndex
CREATE INDEX "position_evidence_position_id_ordinal_idx" ON "position_evidence"("position_id", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "position_revisions_position_id_version_key" ON "position_revisions"("position_id", "version");

-- CreateIndex
CREATE INDEX "endorsements_post_id_idx" ON "endorsements"("post_id");

-- CreateIndex
CREATE INDEX "endorsements_position_id_idx" ON "endorsements"("position_id");

-- CreateIndex
CREATE UNIQUE INDEX "endorsements_user_id_post_id_key" ON "endorsements"("user_id", "post_id");

-- CreateIndex
CREATE UNIQUE INDEX "endorsements_user_id_position_id_key" ON "endorsements"("user_id", "position_id");

-- AddForeignKey
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_verified_by_id_fkey" FOREIGN KEY ("verified_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation_memberships" ADD CONSTRAINT "organisation_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation_memberships" ADD CONSTRAINT "organisation_memberships_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultation_members" ADD CONSTRAINT "consultation_members_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultation_members" ADD CONSTRAINT "consultation_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultation_members" ADD CONSTRAINT "consultation_members_added_by_id_fkey" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultation_organisations" ADD CONSTRAINT "consultation_organisations_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consultation_organisations" ADD CONSTRAINT "consultation_organisations_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "posts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_quoted_post_id_fkey" FOREIGN KEY ("quoted_post_id") REFERENCES "posts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_on_behalf_of_organisation_id_fkey" FOREIGN KEY ("on_behalf_of_organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_revisions" ADD CONSTRAINT "post_revisions_edited_by_id_fkey" FOREIGN KEY ("edited_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_consultation_id_fkey" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position_evidence" ADD CONSTRAINT "position_evidence_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position_revisions" ADD CONSTRAINT "position_revisions_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "position_revisions" ADD CONSTRAINT "position_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

