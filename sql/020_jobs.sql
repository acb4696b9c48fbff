-- Background jobs run by crm-worker (cgi/worker/), and the schedule of recurring ones.
-- A job is claimed with SELECT ... FOR UPDATE SKIP LOCKED on ix_jobs_claim (state, run_after, id),
-- runs under a lease (lease_until, lease_owner) that the worker renews; the reaper finds expired
-- leases through ix_jobs_lease (state, lease_until). (kind, idem_key) makes enqueueing idempotent.
CREATE TABLE IF NOT EXISTS jobs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(64) CHARACTER SET ascii NOT NULL,
  idem_key VARCHAR(255) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  params TEXT NOT NULL,
  state ENUM('queued', 'running', 'done', 'failed') NOT NULL DEFAULT 'queued',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  max_attempts INT UNSIGNED NOT NULL DEFAULT 5,
  run_after DATETIME(6) NOT NULL,
  lease_until DATETIME(6) NULL,
  lease_owner VARCHAR(96) CHARACTER SET ascii NULL,
  progress_done BIGINT NOT NULL DEFAULT 0,
  progress_total BIGINT NOT NULL DEFAULT 0,
  result VARCHAR(1024) NOT NULL DEFAULT '',
  error VARCHAR(1024) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  started_at DATETIME(6) NULL,
  finished_at DATETIME(6) NULL,
  UNIQUE KEY uq_jobs_key (kind, idem_key),
  KEY ix_jobs_claim (state, run_after, id),
  KEY ix_jobs_lease (state, lease_until),
  KEY ix_jobs_user (user_id, created_at),
  CONSTRAINT fk_jobs_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Recurring jobs: when next_run_at has come, a worker enqueues kind with the key
-- "due:<next_run_at as Unix seconds>" (so two workers enqueue it once) and moves next_run_at on.
CREATE TABLE IF NOT EXISTS job_schedule (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(64) CHARACTER SET ascii NOT NULL,
  every_seconds INT UNSIGNED NOT NULL,
  next_run_at DATETIME NOT NULL,
  UNIQUE KEY uq_job_schedule_kind (kind),
  KEY ix_job_schedule_due (next_run_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Expired sessions and old login attempts go every hour.
INSERT IGNORE INTO job_schedule (kind, every_seconds, next_run_at) VALUES ('sessions.purge', 3600, UTC_TIMESTAMP());

-- sessions.purge removes login attempts by age: without this it would read the whole table.
ALTER TABLE login_attempts ADD INDEX IF NOT EXISTS ix_login_attempts_at (attempted_at);
