-- Hand-written data migration for jobs made before the queue and results moved into the database.
-- Its own migration: a new enum value ('expired') cannot be used in the transaction that added it.
-- Unfinished jobs were in a process's memory, now gone: they end with a reason their requester sees.
UPDATE "export_jobs"
SET "status" = 'failed',
    "error" = 'The server was upgraded before this export finished; start it again.',
    "finished_at" = CURRENT_TIMESTAMP
WHERE "status" IN ('queued', 'running');

-- Finished jobs' results were files under DATA_DIR/exports, which downloads no longer read.
UPDATE "export_jobs"
SET "status" = 'expired',
    "expires_at" = CURRENT_TIMESTAMP
WHERE "status" = 'done';
