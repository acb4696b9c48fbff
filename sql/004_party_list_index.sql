-- The list with active and inactive together ("show: all") keeps the keyset order from an index too.
ALTER TABLE parties ADD INDEX IF NOT EXISTS ix_parties_list_all (kind, is_deleted, priority DESC, name_norm, id);
