-- A list filtered by a group (its sub-groups included) read from one index that holds both the
-- group and the list's order: one row per party per group whose branch holds it (the group it is
-- a member of and each group above), carrying the party's sort keys, with an index per list order
-- like the parties' own (migrations 003, 004, 009, 015) behind group_id. Measured at 1M with a
-- group of 2%: walking the list's index and checking each row read about 50 rows per row shown.
--
-- Kept by triggers, not by code: the keys change wherever a party row changes (the records engine's
-- save, state and bin, imports, purge, tests and the bench writing SQL directly), memberships
-- change in several places and a move rewrites many paths in one statement; a trigger sees every
-- one of them inside the change's own transaction, so the copy cannot drift from what it copies.
-- paths: how many of the party's memberships lie in this group's branch (a party in two
-- sub-groups is one row of their parent, gone when the last of them goes).
CREATE TABLE IF NOT EXISTS party_group_keys (
  group_id BIGINT UNSIGNED NOT NULL,
  party_id BIGINT UNSIGNED NOT NULL,
  paths INT NOT NULL,
  kind ENUM('person', 'company') NOT NULL,
  is_deleted TINYINT(1) NOT NULL,
  is_active TINYINT(1) NOT NULL,
  priority TINYINT NOT NULL,
  name_norm VARCHAR(255) NOT NULL,
  code VARCHAR(32) NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (group_id, party_id),
  KEY ix_gk_party (party_id),
  KEY ix_gk_list (group_id, kind, is_deleted, is_active, priority DESC, name_norm, party_id),
  KEY ix_gk_list_all (group_id, kind, is_deleted, priority DESC, name_norm, party_id),
  KEY ix_gk_by_name (group_id, kind, is_deleted, is_active, name_norm, party_id),
  KEY ix_gk_by_name_all (group_id, kind, is_deleted, name_norm, party_id),
  KEY ix_gk_by_code (group_id, kind, is_deleted, is_active, code, party_id),
  KEY ix_gk_by_code_all (group_id, kind, is_deleted, code, party_id),
  KEY ix_gk_by_updated (group_id, kind, is_deleted, is_active, updated_at, party_id),
  KEY ix_gk_by_updated_all (group_id, kind, is_deleted, updated_at, party_id),
  KEY ix_gk_by_id (group_id, kind, is_deleted, is_active, party_id),
  KEY ix_gk_by_id_all (group_id, kind, is_deleted, party_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci; -- the collation parties sort by

DELIMITER //

-- a membership counts in its group and in every group on its path ('/1/5/9/' -> 1, 5, 9)
CREATE TRIGGER IF NOT EXISTS group_keys_member_ai AFTER INSERT ON party_group_members FOR EACH ROW
BEGIN
  INSERT INTO party_group_keys (group_id, party_id, paths, kind, is_deleted, is_active, priority, name_norm, code, updated_at)
  SELECT a.gid, p.id, 1, p.kind, p.is_deleted, p.is_active, p.priority, p.name_norm, p.code, p.updated_at
  FROM party_groups g
  JOIN JSON_TABLE(CONCAT('[', REPLACE(TRIM(BOTH '/' FROM g.path), '/', ','), ']'), '$[*]'
    COLUMNS (gid BIGINT UNSIGNED PATH '$')) a
  JOIN parties p ON p.id = NEW.party_id
  WHERE g.id = NEW.group_id
  ON DUPLICATE KEY UPDATE paths = paths + 1;
END//

CREATE TRIGGER IF NOT EXISTS group_keys_member_ad AFTER DELETE ON party_group_members FOR EACH ROW
BEGIN
  DECLARE gpath VARCHAR(255) CHARACTER SET ascii DEFAULT (SELECT path FROM party_groups WHERE id = OLD.group_id);
  UPDATE party_group_keys SET paths = paths - 1
  WHERE party_id = OLD.party_id AND gpath LIKE CONCAT('%/', group_id, '/%');
  DELETE FROM party_group_keys WHERE party_id = OLD.party_id AND paths <= 0;
END//

-- A move rewrites the path of every group in the branch, one row at a time: each group's own
-- members leave the groups only its old path names and join those only its new one names, so
-- the result is the same whatever order the rows are rewritten in.
CREATE TRIGGER IF NOT EXISTS group_keys_group_au AFTER UPDATE ON party_groups FOR EACH ROW
BEGIN
  IF NOT (OLD.path <=> NEW.path) THEN
    UPDATE party_group_keys k JOIN party_group_members m ON m.party_id = k.party_id AND m.group_id = NEW.id
    SET k.paths = k.paths - 1
    WHERE OLD.path LIKE CONCAT('%/', k.group_id, '/%') AND NEW.path NOT LIKE CONCAT('%/', k.group_id, '/%');
    DELETE k FROM party_group_keys k JOIN party_group_members m ON m.party_id = k.party_id AND m.group_id = NEW.id
    WHERE k.paths <= 0;
    INSERT INTO party_group_keys (group_id, party_id, paths, kind, is_deleted, is_active, priority, name_norm, code, updated_at)
    SELECT a.gid, p.id, 1, p.kind, p.is_deleted, p.is_active, p.priority, p.name_norm, p.code, p.updated_at
    FROM party_group_members m
    JOIN JSON_TABLE(CONCAT('[', REPLACE(TRIM(BOTH '/' FROM NEW.path), '/', ','), ']'), '$[*]'
      COLUMNS (gid BIGINT UNSIGNED PATH '$')) a
    JOIN parties p ON p.id = m.party_id
    WHERE m.group_id = NEW.id AND OLD.path NOT LIKE CONCAT('%/', a.gid, '/%')
    ON DUPLICATE KEY UPDATE paths = paths + 1;
  END IF;
END//

-- a group is deleted only without members and sub-groups (foreign keys): nothing should be left
CREATE TRIGGER IF NOT EXISTS group_keys_group_ad AFTER DELETE ON party_groups FOR EACH ROW
  DELETE FROM party_group_keys WHERE group_id = OLD.id//

-- the party's sort keys wherever it is listed; BINARY: a change of case is a change of the copy
CREATE TRIGGER IF NOT EXISTS group_keys_party_au AFTER UPDATE ON parties FOR EACH ROW
BEGIN
  IF NOT (OLD.kind <=> NEW.kind AND OLD.is_deleted <=> NEW.is_deleted AND OLD.is_active <=> NEW.is_active
          AND OLD.priority <=> NEW.priority AND BINARY OLD.name_norm <=> BINARY NEW.name_norm
          AND BINARY OLD.code <=> BINARY NEW.code AND OLD.updated_at <=> NEW.updated_at AND OLD.id <=> NEW.id) THEN
    UPDATE party_group_keys SET kind = NEW.kind, is_deleted = NEW.is_deleted, is_active = NEW.is_active,
      priority = NEW.priority, name_norm = NEW.name_norm, code = NEW.code, updated_at = NEW.updated_at
    WHERE party_id = OLD.id;
  END IF;
END//

CREATE TRIGGER IF NOT EXISTS group_keys_party_ad AFTER DELETE ON parties FOR EACH ROW
  DELETE FROM party_group_keys WHERE party_id = OLD.id//

DELIMITER ;

-- what is there already
INSERT IGNORE INTO party_group_keys (group_id, party_id, paths, kind, is_deleted, is_active, priority, name_norm, code, updated_at)
SELECT a.gid, p.id, COUNT(*), p.kind, p.is_deleted, p.is_active, p.priority, p.name_norm, p.code, p.updated_at
FROM party_group_members m
JOIN party_groups g ON g.id = m.group_id
JOIN JSON_TABLE(CONCAT('[', REPLACE(TRIM(BOTH '/' FROM g.path), '/', ','), ']'), '$[*]'
  COLUMNS (gid BIGINT UNSIGNED PATH '$')) a
JOIN parties p ON p.id = m.party_id
GROUP BY a.gid, p.id;
