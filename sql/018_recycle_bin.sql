-- The recycle bin reads deleted parties newest first from their own index, never the whole list.
ALTER TABLE parties ADD KEY IF NOT EXISTS ix_parties_bin (is_deleted, id);
