-- Files attached to records of any module, and company logos. The file itself lives under
-- <var>/uploads by its random stored_name (outside the web root); deleting one marks it, so it stays
-- in the trail and on disk until its record is purged.
CREATE TABLE IF NOT EXISTS attachments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  owner_table VARCHAR(32) CHARACTER SET ascii NOT NULL,
  owner_id BIGINT UNSIGNED NOT NULL,
  purpose ENUM('file', 'logo') NOT NULL DEFAULT 'file',
  stored_name CHAR(64) CHARACTER SET ascii NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  content_type VARCHAR(96) CHARACTER SET ascii NOT NULL,
  size_bytes BIGINT UNSIGNED NOT NULL,
  sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  note VARCHAR(255) NOT NULL DEFAULT '',
  is_deleted TINYINT(1) NOT NULL DEFAULT 0,
  uploaded_by BIGINT UNSIGNED NULL,
  uploaded_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY uq_attachments_stored (stored_name),
  KEY ix_attachments_owner (owner_table, owner_id, purpose, is_deleted, id),
  CONSTRAINT fk_attachments_user FOREIGN KEY (uploaded_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;
