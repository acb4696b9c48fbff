-- Imports run as jobs (crm-worker, kind parties.import): 'running' from the run step until the
-- job's end commits 'done' with the totals; the job is found by (kind, idem_key = 'import:<id>').
ALTER TABLE imports MODIFY status ENUM('uploaded', 'running', 'done', 'reverted') NOT NULL DEFAULT 'uploaded';
