-- Users, roles, permissions, sessions, login attempts and the audit log.
CREATE TABLE IF NOT EXISTS users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  must_change_password TINYINT(1) NOT NULL DEFAULT 0,
  is_active TINYINT(1) NOT NULL DEFAULT 1,
  lang CHAR(2) NOT NULL DEFAULT 'fa',
  calendar VARCHAR(16) NOT NULL DEFAULT 'jalali',
  digits VARCHAR(8) NOT NULL DEFAULT 'latin',
  last_login_at DATETIME NULL,
  password_changed_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS roles (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(255) NOT NULL DEFAULT '',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_roles_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS user_roles (
  user_id BIGINT UNSIGNED NOT NULL,
  role_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, role_id),
  KEY ix_user_roles_role (role_id),
  CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_user_roles_role FOREIGN KEY (role_id) REFERENCES roles (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per (role, module, action); scope says which records: all, the team's, own, none.
CREATE TABLE IF NOT EXISTS role_permissions (
  role_id BIGINT UNSIGNED NOT NULL,
  module VARCHAR(32) NOT NULL,
  action VARCHAR(16) NOT NULL,
  scope ENUM('none', 'own', 'team', 'all') NOT NULL DEFAULT 'none',
  PRIMARY KEY (role_id, module, action),
  CONSTRAINT fk_role_permissions_role FOREIGN KEY (role_id) REFERENCES roles (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of a session token is stored.
CREATE TABLE IF NOT EXISTS sessions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  idle_seconds INT UNSIGNED NOT NULL,
  remember TINYINT(1) NOT NULL DEFAULT 0,
  ip VARCHAR(64) NOT NULL DEFAULT '',
  user_agent VARCHAR(255) NOT NULL DEFAULT '',
  UNIQUE KEY uq_sessions_token (token_hash),
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_expires (expires_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS login_attempts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  ip VARCHAR(64) NOT NULL,
  attempted_at DATETIME(6) NOT NULL,
  success TINYINT(1) NOT NULL,
  KEY ix_login_attempts_user (username, success, attempted_at),
  KEY ix_login_attempts_ip (ip, success, attempted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who changed what, when and from where; details holds changed fields as JSON.
CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  ip VARCHAR(64) NOT NULL DEFAULT '',
  module VARCHAR(32) NOT NULL,
  table_name VARCHAR(64) NOT NULL,
  record_id BIGINT UNSIGNED NULL,
  action VARCHAR(32) NOT NULL,
  details JSON NULL,
  KEY ix_audit_record (table_name, record_id, at),
  KEY ix_audit_user (user_id, at),
  KEY ix_audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The built-in roles. admin may do everything; staff sees the start page.
INSERT IGNORE INTO roles (name, description) VALUES
  ('admin', 'Administrators: every action on every module'),
  ('staff', 'Staff: the start page');

INSERT IGNORE INTO role_permissions (role_id, module, action, scope)
SELECT r.id, m.module, a.action, 'all'
FROM roles r
CROSS JOIN (SELECT 'home' AS module UNION ALL SELECT 'admin') m
CROSS JOIN (SELECT 'view' AS action UNION ALL SELECT 'create' UNION ALL SELECT 'edit' UNION ALL SELECT 'delete'
            UNION ALL SELECT 'purge' UNION ALL SELECT 'export' UNION ALL SELECT 'activate'
            UNION ALL SELECT 'star' UNION ALL SELECT 'assign' UNION ALL SELECT 'print') a
WHERE r.name = 'admin';

INSERT IGNORE INTO role_permissions (role_id, module, action, scope)
SELECT r.id, 'home', 'view', 'all' FROM roles r WHERE r.name = 'staff';
