-- CSV imports of persons and companies: the file (as UTF-8), its mapping and
-- choices, and what each line did, so a whole import can be reverted.
CREATE TABLE IF NOT EXISTS imports (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('person', 'company') NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  encoding VARCHAR(16) NOT NULL,
  delimiter CHAR(1) NOT NULL,
  content MEDIUMTEXT NOT NULL,
  mapping VARCHAR(2000) CHARACTER SET ascii NOT NULL DEFAULT '',
  dup_key ENUM('none', 'code', 'national_id', 'mobile', 'email') NOT NULL DEFAULT 'code',
  dup_action ENUM('skip', 'update', 'create') NOT NULL DEFAULT 'skip',
  date_calendar VARCHAR(16) NOT NULL DEFAULT '',
  status ENUM('uploaded', 'done', 'reverted') NOT NULL DEFAULT 'uploaded',
  rows_total INT NOT NULL DEFAULT 0,
  rows_created INT NOT NULL DEFAULT 0,
  rows_updated INT NOT NULL DEFAULT 0,
  rows_skipped INT NOT NULL DEFAULT 0,
  rows_failed INT NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  finished_at DATETIME NULL,
  reverted_at DATETIME NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  KEY ix_imports_user (user_id, id),
  CONSTRAINT fk_imports_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

CREATE TABLE IF NOT EXISTS import_rows (
  import_id BIGINT UNSIGNED NOT NULL,
  line INT UNSIGNED NOT NULL,
  action ENUM('created', 'updated', 'skipped', 'failed') NOT NULL,
  party_id BIGINT UNSIGNED NULL,
  -- updated: the version the import left and the channels it added (ids);
  -- the old values of changed fields are in import_changes; revert puts them back
  after_version INT UNSIGNED NULL,
  added_channels VARCHAR(255) CHARACTER SET ascii NOT NULL DEFAULT '',
  message VARCHAR(1000) NOT NULL DEFAULT '',
  PRIMARY KEY (import_id, line),
  KEY ix_import_rows_party (party_id),
  CONSTRAINT fk_import_rows_import FOREIGN KEY (import_id) REFERENCES imports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

CREATE TABLE IF NOT EXISTS import_changes (
  import_id BIGINT UNSIGNED NOT NULL,
  line INT UNSIGNED NOT NULL,
  field VARCHAR(32) CHARACTER SET ascii NOT NULL,
  old_value TEXT NULL,
  PRIMARY KEY (import_id, line, field),
  CONSTRAINT fk_import_changes_row FOREIGN KEY (import_id, line) REFERENCES import_rows (import_id, line)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;
