-- The lists' text box for a word many parties hold (a common surname: 33,000 of 1.2M) in the
-- list's own order. Walking the list's index and checking each row finds such a word's rows
-- where the order puts them: sorted by name ("first last"), a surname's first rows come after
-- a whole first name's block, so a page read 30,000-200,000 index entries (measured at 1M).
-- Each term now carries its party's sort keys, and an index per order (the default and by
-- name, by kind and state) holds one (term, kind)'s parties in that order: a page is a range
-- from the keyset position, one per term the typed word starts (cgi/parties/party_text.c).
--
-- Kept by triggers, as party_group_keys is (026): terms are written where a party is saved,
-- imported, restored and made by the demo loader, and sort keys change wherever a party row
-- does; a trigger sees every one of them in the change's own transaction.
ALTER TABLE party_search
  ADD COLUMN IF NOT EXISTS p_kind ENUM('person', 'company') NOT NULL DEFAULT 'person',
  ADD COLUMN IF NOT EXISTS p_deleted TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS p_active TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS p_priority TINYINT NOT NULL DEFAULT 0,
  -- the collation parties sort by, so a page's order and its keyset compare as the list's do
  ADD COLUMN IF NOT EXISTS p_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_persian_ci NOT NULL DEFAULT '';

UPDATE party_search ps JOIN parties p ON p.id = ps.party_id
SET ps.p_kind = p.kind, ps.p_deleted = p.is_deleted, ps.p_active = p.is_active, ps.p_priority = p.priority,
    ps.p_name = p.name_norm;

ALTER TABLE party_search
  ADD INDEX IF NOT EXISTS ix_ps_list (term, kind, p_kind, p_deleted, p_active, p_priority DESC, p_name, party_id),
  ADD INDEX IF NOT EXISTS ix_ps_by_name (term, kind, p_kind, p_deleted, p_active, p_name, party_id);

DELIMITER //

-- a term takes its party's keys as it is written (the party row is there: the foreign key)
CREATE TRIGGER IF NOT EXISTS search_keys_bi BEFORE INSERT ON party_search FOR EACH ROW
BEGIN
  DECLARE k ENUM('person', 'company') DEFAULT 'person';
  DECLARE d, a TINYINT DEFAULT 0;
  DECLARE pr TINYINT DEFAULT 0;
  DECLARE nm VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_persian_ci DEFAULT '';
  SELECT kind, is_deleted, is_active, priority, name_norm INTO k, d, a, pr, nm FROM parties WHERE id = NEW.party_id;
  SET NEW.p_kind = k, NEW.p_deleted = d, NEW.p_active = a, NEW.p_priority = pr, NEW.p_name = nm;
END//

-- and follows them; BINARY: a change of case is a change of the copy
CREATE TRIGGER IF NOT EXISTS search_keys_party_au AFTER UPDATE ON parties FOR EACH ROW
BEGIN
  IF NOT (OLD.kind <=> NEW.kind AND OLD.is_deleted <=> NEW.is_deleted AND OLD.is_active <=> NEW.is_active
          AND OLD.priority <=> NEW.priority AND BINARY OLD.name_norm <=> BINARY NEW.name_norm) THEN
    UPDATE party_search SET p_kind = NEW.kind, p_deleted = NEW.is_deleted, p_active = NEW.is_active,
      p_priority = NEW.priority, p_name = NEW.name_norm
    WHERE party_id = NEW.id;
  END IF;
END//

DELIMITER ;
