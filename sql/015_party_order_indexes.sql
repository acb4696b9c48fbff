-- Every order a list can be read in comes from an index, with active and inactive together too
-- ("show: all"): name, code, the last change and the order records were made in (ids), both ways (a
-- backward range read).
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_name_all (kind, is_deleted, name_norm, id);
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_code_all (kind, is_deleted, code, id);
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_id (kind, is_deleted, is_active, id);
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_id_all (kind, is_deleted, id);
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_updated (kind, is_deleted, is_active, updated_at, id);
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_updated_all (kind, is_deleted, updated_at, id);
