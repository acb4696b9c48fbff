-- Custom fields (Administration > Fields): added to an entity without module code. Each is a real
-- column cf_<id> of the entity's table, added online by the job worker (fields.apply: ALTER TABLE
-- ... ALGORITHM=INSTANT, and for a searchable one an index (cf_<id>, id) built INPLACE, LOCK=NONE),
-- so a filter or a sort on it reads an index like any built-in column. Until the column exists the
-- field is 'pending' and the engine leaves it out.
CREATE TABLE IF NOT EXISTS custom_fields (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entity VARCHAR(32) CHARACTER SET ascii NOT NULL,
  type ENUM('text', 'longtext', 'int', 'money', 'date', 'flag', 'party', 'user') NOT NULL,
  label_fa VARCHAR(128) NOT NULL,
  label_en VARCHAR(128) NOT NULL,
  label_tr VARCHAR(128) NOT NULL,
  sort INT NOT NULL DEFAULT 0,
  required TINYINT(1) NOT NULL DEFAULT 0,
  searchable TINYINT(1) NOT NULL DEFAULT 0,
  state ENUM('pending', 'ready', 'failed') NOT NULL DEFAULT 'pending',
  error VARCHAR(255) NOT NULL DEFAULT '',
  is_active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY ix_custom_fields_entity (entity, sort, id),
  KEY ix_custom_fields_label (label_en, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A built-in optional field an administrator made required ("no card with missing information").
CREATE TABLE IF NOT EXISTS field_rules (
  entity VARCHAR(32) CHARACTER SET ascii NOT NULL,
  field VARCHAR(64) CHARACTER SET ascii NOT NULL,
  required TINYINT(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (entity, field)
) ENGINE=InnoDB;

-- Workers keep each entity's full description (built-in + custom fields, rules) under this version.
INSERT IGNORE INTO ref_versions (name, version) VALUES ('fields', UUID_SHORT());
CREATE TRIGGER IF NOT EXISTS ref_fields_ai AFTER INSERT ON custom_fields FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'fields';
CREATE TRIGGER IF NOT EXISTS ref_fields_au AFTER UPDATE ON custom_fields FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'fields';
CREATE TRIGGER IF NOT EXISTS ref_fields_ad AFTER DELETE ON custom_fields FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'fields';
CREATE TRIGGER IF NOT EXISTS ref_rules_ai AFTER INSERT ON field_rules FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'fields';
CREATE TRIGGER IF NOT EXISTS ref_rules_au AFTER UPDATE ON field_rules FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'fields';
CREATE TRIGGER IF NOT EXISTS ref_rules_ad AFTER DELETE ON field_rules FOR EACH ROW
  UPDATE ref_versions SET version = UUID_SHORT() WHERE name = 'fields';
