-- A managed list is read in its order (sort, then id) within its kind, by keyset from this index
-- (the records engine's lookups entity, cgi/parties/lists_entity.c).
ALTER TABLE lookups ADD INDEX IF NOT EXISTS ix_lookups_order (kind, sort, id);
