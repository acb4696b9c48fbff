-- The phone a list shows for a party (its primary mobile or phone, else the first), kept on the party
-- row by party_derived_rebuild in the transaction that changes its channels: a list page reads it with
-- the row instead of looking it up per row.
ALTER TABLE parties ADD COLUMN IF NOT EXISTS primary_phone VARCHAR(500) NOT NULL DEFAULT '' AFTER national_id;
UPDATE parties p SET p.primary_phone = COALESCE((SELECT c.value FROM party_channels c WHERE c.party_id = p.id
  AND c.type IN ('mobile', 'phone') ORDER BY c.is_primary DESC, c.id LIMIT 1), '');
