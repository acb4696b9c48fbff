-- Teams, user preferences, modules for the permission matrix, per-user customer limits.
CREATE TABLE IF NOT EXISTS teams (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_teams_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS user_teams (
  user_id BIGINT UNSIGNED NOT NULL,
  team_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, team_id),
  KEY ix_user_teams_team (team_id, user_id),
  CONSTRAINT fk_user_teams_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_user_teams_team FOREIGN KEY (team_id) REFERENCES teams (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rows of the permission matrix, in menu order. label is a key under Lang.module.
CREATE TABLE IF NOT EXISTS app_modules (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  sort INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT IGNORE INTO app_modules (name, sort) VALUES
  ('home', 10), ('parties', 20), ('products', 30), ('activities', 40), ('reports', 50), ('admin', 90);

-- Per-user calendar, digits and first day of week (0 = Sunday ... 6 = Saturday).
ALTER TABLE users ADD COLUMN IF NOT EXISTS week_start TINYINT UNSIGNED NOT NULL DEFAULT 6 AFTER digits;
ALTER TABLE users ADD COLUMN IF NOT EXISTS email VARCHAR(255) NOT NULL DEFAULT '' AFTER display_name;

-- "This agent sees only these accounts": when a user has rows here, record
-- scope is further limited to these parties (party ids; the parties table comes later).
CREATE TABLE IF NOT EXISTS user_customers (
  user_id BIGINT UNSIGNED NOT NULL,
  party_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, party_id),
  CONSTRAINT fk_user_customers_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The admin role gets every action on every module of the matrix.
INSERT IGNORE INTO role_permissions (role_id, module, action, scope)
SELECT r.id, m.name, a.action, 'all'
FROM roles r
CROSS JOIN app_modules m
CROSS JOIN (SELECT 'view' AS action UNION ALL SELECT 'create' UNION ALL SELECT 'edit' UNION ALL SELECT 'delete'
            UNION ALL SELECT 'purge' UNION ALL SELECT 'export' UNION ALL SELECT 'activate'
            UNION ALL SELECT 'star' UNION ALL SELECT 'assign' UNION ALL SELECT 'print') a
WHERE r.name = 'admin';
