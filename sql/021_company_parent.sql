-- Company hierarchy: a company may belong to a parent company, at any depth (a holding,
-- its subsidiaries, theirs). The record shows the tree; list filters by company may take
-- in the subsidiaries. Cycles are refused when saving (party_db.c walks the parents under lock).
ALTER TABLE companies ADD COLUMN IF NOT EXISTS parent_id BIGINT UNSIGNED NULL AFTER party_id;
ALTER TABLE companies ADD INDEX IF NOT EXISTS ix_companies_parent (parent_id);
ALTER TABLE companies ADD CONSTRAINT fk_companies_parent FOREIGN KEY IF NOT EXISTS (parent_id) REFERENCES parties (id);
