-- Reference data that many pages show and few requests change (managed lists, places, ranks, staff,
-- groups) is kept by each worker between requests, per language, under the version named here.
-- Triggers give a set a new version in the same transaction as any change to its table, whoever
-- makes it (screens, imports, SQL by hand, a restore's later changes); UUID_SHORT() never repeats a
-- value, so a version restored from a backup cannot match a later one by chance.
CREATE TABLE IF NOT EXISTS ref_versions (
  name VARCHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  version BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB;

INSERT IGNORE INTO ref_versions (name, version) VALUES
  ('lookups', UUID_SHORT()), ('places', UUID_SHORT()), ('ranks', UUID_SHORT()), ('users', UUID_SHORT()),
  ('groups', UUID_SHORT());

CREATE TRIGGER IF NOT EXISTS ref_lookups_ai AFTER INSERT ON lookups FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'lookups';
CREATE TRIGGER IF NOT EXISTS ref_lookups_au AFTER UPDATE ON lookups FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'lookups';
CREATE TRIGGER IF NOT EXISTS ref_lookups_ad AFTER DELETE ON lookups FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'lookups';
CREATE TRIGGER IF NOT EXISTS ref_places_ai AFTER INSERT ON places FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'places';
CREATE TRIGGER IF NOT EXISTS ref_places_au AFTER UPDATE ON places FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'places';
CREATE TRIGGER IF NOT EXISTS ref_places_ad AFTER DELETE ON places FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'places';
CREATE TRIGGER IF NOT EXISTS ref_ranks_ai AFTER INSERT ON rank_types FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'ranks';
CREATE TRIGGER IF NOT EXISTS ref_ranks_au AFTER UPDATE ON rank_types FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'ranks';
CREATE TRIGGER IF NOT EXISTS ref_ranks_ad AFTER DELETE ON rank_types FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'ranks';
CREATE TRIGGER IF NOT EXISTS ref_users_ai AFTER INSERT ON users FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'users';
-- only what the staff lists show: a login (last_login_at) leaves them as they are
CREATE TRIGGER IF NOT EXISTS ref_users_au AFTER UPDATE ON users FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'users'
    AND (NEW.display_name <> OLD.display_name OR NEW.is_active <> OLD.is_active OR NEW.username <> OLD.username);
CREATE TRIGGER IF NOT EXISTS ref_users_ad AFTER DELETE ON users FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'users';
CREATE TRIGGER IF NOT EXISTS ref_groups_ai AFTER INSERT ON party_groups FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'groups';
CREATE TRIGGER IF NOT EXISTS ref_groups_au AFTER UPDATE ON party_groups FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'groups';
CREATE TRIGGER IF NOT EXISTS ref_groups_ad AFTER DELETE ON party_groups FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'groups';
