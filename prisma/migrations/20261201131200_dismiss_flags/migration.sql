-- AlterEnum
ALTER TYPE "ModerationAction" ADD VALUE 'dismiss_flags';

