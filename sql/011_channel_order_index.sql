-- A party's first channel of a type (primary first, then oldest) straight from an index,
-- without a sort: lists and exports ask it for every row they show.
ALTER TABLE party_channels ADD INDEX IF NOT EXISTS ix_channels_party_type (party_id, type, is_primary DESC, id);
