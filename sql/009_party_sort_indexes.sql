-- Lists sorted by name or by code read in index order too (keyset paging, no sort of the whole table).
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_name (kind, is_deleted, is_active, name_norm, id);
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_by_code (kind, is_deleted, is_active, code, id);
