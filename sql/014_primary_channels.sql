-- The channels lists and exports show for a party (its primary phone or mobile, email, website and
-- address; else the first of the type), kept on the party row by party_derived_rebuild in the
-- transaction that changes its channels: a page reads them with the row instead of looking each up.
ALTER TABLE parties ADD COLUMN IF NOT EXISTS primary_phone VARCHAR(500) NOT NULL DEFAULT '' AFTER national_id,
  ADD COLUMN IF NOT EXISTS primary_email VARCHAR(500) NOT NULL DEFAULT '' AFTER primary_phone,
  ADD COLUMN IF NOT EXISTS primary_website VARCHAR(500) NOT NULL DEFAULT '' AFTER primary_email,
  ADD COLUMN IF NOT EXISTS primary_address VARCHAR(500) NOT NULL DEFAULT '' AFTER primary_website;
UPDATE parties p SET
  p.primary_phone = COALESCE((SELECT c.value FROM party_channels c WHERE c.party_id = p.id
    AND c.type IN ('mobile', 'phone') ORDER BY c.is_primary DESC, c.id LIMIT 1), ''),
  p.primary_email = COALESCE((SELECT c.value FROM party_channels c WHERE c.party_id = p.id
    AND c.type = 'email' ORDER BY c.is_primary DESC, c.id LIMIT 1), ''),
  p.primary_website = COALESCE((SELECT c.value FROM party_channels c WHERE c.party_id = p.id
    AND c.type = 'website' ORDER BY c.is_primary DESC, c.id LIMIT 1), ''),
  p.primary_address = COALESCE((SELECT c.value FROM party_channels c WHERE c.party_id = p.id
    AND c.type = 'address' ORDER BY c.is_primary DESC, c.id LIMIT 1), '');
