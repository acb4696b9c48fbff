-- Parties: persons and companies, their channels, roles, relations, groups, rankings and experts.

-- Managed lists. kind says which list: title, source, activity, company_type, premises, religion,
-- education_field, education_degree, language, certificate, marital_status, party_role, relation.
CREATE TABLE IF NOT EXISTS lookups (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind VARCHAR(32) NOT NULL,
  code VARCHAR(64) NOT NULL,
  name_fa VARCHAR(128) NOT NULL,
  name_en VARCHAR(128) NOT NULL,
  name_tr VARCHAR(128) NOT NULL,
  sort INT NOT NULL DEFAULT 0,
  is_active TINYINT(1) NOT NULL DEFAULT 1,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_lookups (kind, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Country > province > city > district, each within its parent.
CREATE TABLE IF NOT EXISTS places (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id BIGINT UNSIGNED NULL,
  level ENUM('country', 'province', 'city', 'district') NOT NULL,
  name VARCHAR(128) NOT NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_places (parent_id, name),
  KEY ix_places_level (level, name),
  CONSTRAINT fk_places_parent FOREIGN KEY (parent_id) REFERENCES places (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

CREATE TABLE IF NOT EXISTS rank_types (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  color CHAR(7) NOT NULL DEFAULT '#888888',
  sort INT NOT NULL DEFAULT 0,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_rank_types (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

CREATE TABLE IF NOT EXISTS parties (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('person', 'company') NOT NULL,
  code VARCHAR(32) NOT NULL,
  display_name VARCHAR(255) NOT NULL,
  -- normalized display name (Persian letter variants folded, ZWNJ removed) for sorting and search
  name_norm VARCHAR(255) NOT NULL,
  national_id VARCHAR(32) NOT NULL DEFAULT '',
  is_active TINYINT(1) NOT NULL DEFAULT 1,
  is_deleted TINYINT(1) NOT NULL DEFAULT 0,
  priority TINYINT NOT NULL DEFAULT 0,
  color CHAR(7) NOT NULL DEFAULT '',
  icon VARCHAR(32) NOT NULL DEFAULT '',
  country_id BIGINT UNSIGNED NULL,
  province_id BIGINT UNSIGNED NULL,
  city_id BIGINT UNSIGNED NULL,
  district_id BIGINT UNSIGNED NULL,
  source_id BIGINT UNSIGNED NULL,
  income DECIMAL(18, 2) NULL,
  credit_limit DECIMAL(18, 2) NULL,
  notes TEXT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  version INT UNSIGNED NOT NULL DEFAULT 1,
  UNIQUE KEY uq_parties_code (code),
  -- the default list: a kind, not deleted, active first by priority then name; keyset on (priority, name_norm, id)
  KEY ix_parties_list (kind, is_deleted, is_active, priority DESC, name_norm, id),
  KEY ix_parties_name (name_norm),
  KEY ix_parties_city (city_id),
  KEY ix_parties_national (national_id),
  CONSTRAINT fk_parties_country FOREIGN KEY (country_id) REFERENCES places (id),
  CONSTRAINT fk_parties_province FOREIGN KEY (province_id) REFERENCES places (id),
  CONSTRAINT fk_parties_city FOREIGN KEY (city_id) REFERENCES places (id),
  CONSTRAINT fk_parties_district FOREIGN KEY (district_id) REFERENCES places (id),
  CONSTRAINT fk_parties_source FOREIGN KEY (source_id) REFERENCES lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

CREATE TABLE IF NOT EXISTS persons (
  party_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  title_id BIGINT UNSIGNED NULL,
  first_name VARCHAR(100) NOT NULL DEFAULT '',
  last_name VARCHAR(100) NOT NULL,
  birth_cert_no VARCHAR(32) NOT NULL DEFAULT '',
  marital_status VARCHAR(16) NOT NULL DEFAULT '',
  birth_date DATE NULL,
  marriage_date DATE NULL,
  religion_id BIGINT UNSIGNED NULL,
  education_field_id BIGINT UNSIGNED NULL,
  education_degree_id BIGINT UNSIGNED NULL,
  favourite_color VARCHAR(32) NOT NULL DEFAULT '',
  psychology TEXT NULL,
  certificates TEXT NULL,
  CONSTRAINT fk_persons_party FOREIGN KEY (party_id) REFERENCES parties (id),
  CONSTRAINT fk_persons_title FOREIGN KEY (title_id) REFERENCES lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

CREATE TABLE IF NOT EXISTS companies (
  party_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  company_type_id BIGINT UNSIGNED NULL,
  brand VARCHAR(128) NOT NULL DEFAULT '',
  economic_code VARCHAR(32) NOT NULL DEFAULT '',
  registration_no VARCHAR(32) NOT NULL DEFAULT '',
  founded_year SMALLINT NULL,
  founded_date DATE NULL,
  employees INT NULL,
  premises_id BIGINT UNSIGNED NULL,
  certificates TEXT NULL,
  color_from_rank TINYINT(1) NOT NULL DEFAULT 0,
  logo_file VARCHAR(64) NOT NULL DEFAULT '',
  CONSTRAINT fk_companies_party FOREIGN KEY (party_id) REFERENCES parties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

-- Unlimited typed contact channels. value is as typed; match holds what search uses
-- (phone digits with the country code, reversed so a suffix search is an index prefix; lower-cased email...).
CREATE TABLE IF NOT EXISTS party_channels (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  party_id BIGINT UNSIGNED NOT NULL,
  type ENUM('phone', 'fax', 'mobile', 'email', 'website', 'address') NOT NULL,
  label VARCHAR(64) NOT NULL DEFAULT '',
  value VARCHAR(500) NOT NULL,
  country_code VARCHAR(4) NOT NULL DEFAULT '',
  area_code VARCHAR(8) NOT NULL DEFAULT '',
  extension VARCHAR(8) NOT NULL DEFAULT '',
  latitude DECIMAL(9, 6) NULL,
  longitude DECIMAL(9, 6) NULL,
  is_primary TINYINT(1) NOT NULL DEFAULT 0,
  KEY ix_channels_party (party_id, type),
  CONSTRAINT fk_channels_party FOREIGN KEY (party_id) REFERENCES parties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

-- The phone book's index: every searchable piece of a party as a normalized term.
-- kind: n name word, c code, i national id, e email, w website, a address word, p phone digits reversed.
CREATE TABLE IF NOT EXISTS party_search (
  party_id BIGINT UNSIGNED NOT NULL,
  kind CHAR(1) NOT NULL,
  term VARCHAR(191) NOT NULL,
  PRIMARY KEY (party_id, kind, term),
  KEY ix_party_search_term (term, party_id),
  CONSTRAINT fk_party_search_party FOREIGN KEY (party_id) REFERENCES parties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS party_roles (
  party_id BIGINT UNSIGNED NOT NULL,
  role_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (party_id, role_id),
  KEY ix_party_roles_role (role_id, party_id),
  CONSTRAINT fk_party_roles_party FOREIGN KEY (party_id) REFERENCES parties (id),
  CONSTRAINT fk_party_roles_role FOREIGN KEY (role_id) REFERENCES lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS party_activities (
  party_id BIGINT UNSIGNED NOT NULL,
  activity_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (party_id, activity_id),
  CONSTRAINT fk_party_activities_party FOREIGN KEY (party_id) REFERENCES parties (id),
  CONSTRAINT fk_party_activities_activity FOREIGN KEY (activity_id) REFERENCES lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS person_languages (
  person_id BIGINT UNSIGNED NOT NULL,
  language_id BIGINT UNSIGNED NOT NULL,
  level ENUM('basic', 'good', 'fluent', 'native') NOT NULL DEFAULT 'basic',
  PRIMARY KEY (person_id, language_id),
  CONSTRAINT fk_person_languages_person FOREIGN KEY (person_id) REFERENCES parties (id),
  CONSTRAINT fk_person_languages_language FOREIGN KEY (language_id) REFERENCES lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "A is a supplier of B": shown on both records.
CREATE TABLE IF NOT EXISTS party_relations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  from_party_id BIGINT UNSIGNED NOT NULL,
  to_party_id BIGINT UNSIGNED NOT NULL,
  relation_id BIGINT UNSIGNED NOT NULL,
  note VARCHAR(255) NOT NULL DEFAULT '',
  UNIQUE KEY uq_party_relations (from_party_id, to_party_id, relation_id),
  KEY ix_party_relations_to (to_party_id),
  CONSTRAINT fk_party_relations_from FOREIGN KEY (from_party_id) REFERENCES parties (id),
  CONSTRAINT fk_party_relations_to FOREIGN KEY (to_party_id) REFERENCES parties (id),
  CONSTRAINT fk_party_relations_type FOREIGN KEY (relation_id) REFERENCES lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Employment: a person at one or more companies.
CREATE TABLE IF NOT EXISTS employments (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id BIGINT UNSIGNED NOT NULL,
  company_id BIGINT UNSIGNED NOT NULL,
  position VARCHAR(128) NOT NULL DEFAULT '',
  UNIQUE KEY uq_employments (person_id, company_id),
  KEY ix_employments_company (company_id),
  CONSTRAINT fk_employments_person FOREIGN KEY (person_id) REFERENCES parties (id),
  CONSTRAINT fk_employments_company FOREIGN KEY (company_id) REFERENCES parties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An n-level tree kept as a materialized path ('/1/5/9/') so a branch is one index range.
CREATE TABLE IF NOT EXISTS party_groups (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id BIGINT UNSIGNED NULL,
  name VARCHAR(128) NOT NULL,
  path VARCHAR(255) CHARACTER SET ascii NOT NULL DEFAULT '',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  KEY ix_party_groups_path (path),
  KEY ix_party_groups_parent (parent_id),
  CONSTRAINT fk_party_groups_parent FOREIGN KEY (parent_id) REFERENCES party_groups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_persian_ci;

CREATE TABLE IF NOT EXISTS party_group_members (
  group_id BIGINT UNSIGNED NOT NULL,
  party_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (group_id, party_id),
  KEY ix_group_members_party (party_id),
  CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES party_groups (id),
  CONSTRAINT fk_group_members_party FOREIGN KEY (party_id) REFERENCES parties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Manual ranks with a period; the current rank is the one whose period holds today.
CREATE TABLE IF NOT EXISTS party_rankings (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  party_id BIGINT UNSIGNED NOT NULL,
  rank_id BIGINT UNSIGNED NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NULL,
  KEY ix_party_rankings_party (party_id, start_date),
  KEY ix_party_rankings_rank (rank_id, party_id),
  CONSTRAINT fk_party_rankings_party FOREIGN KEY (party_id) REFERENCES parties (id),
  CONSTRAINT fk_party_rankings_rank FOREIGN KEY (rank_id) REFERENCES rank_types (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Assigned experts: the users a party belongs to, which record scopes use.
CREATE TABLE IF NOT EXISTS party_experts (
  party_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (party_id, user_id),
  KEY ix_party_experts_user (user_id, party_id),
  CONSTRAINT fk_party_experts_party FOREIGN KEY (party_id) REFERENCES parties (id),
  CONSTRAINT fk_party_experts_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS party_stars (
  user_id BIGINT UNSIGNED NOT NULL,
  party_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, party_id),
  KEY ix_party_stars_party (party_id),
  CONSTRAINT fk_party_stars_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_party_stars_party FOREIGN KEY (party_id) REFERENCES parties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Codes come from a sequence; a code typed by hand (from an older system) is kept as typed.
CREATE SEQUENCE IF NOT EXISTS party_code_seq START WITH 1000 INCREMENT BY 1;

ALTER TABLE user_customers ADD CONSTRAINT fk_user_customers_party FOREIGN KEY IF NOT EXISTS (party_id) REFERENCES parties (id);

INSERT IGNORE INTO lookups (kind, code, name_fa, name_en, name_tr, sort) VALUES
  ('party_role', 'customer', 'مشتری', 'Customer', 'Müşteri', 10),
  ('party_role', 'prospect', 'مشتری بالقوه', 'Prospect', 'Potansiyel müşteri', 20),
  ('party_role', 'supplier', 'تأمین‌کننده', 'Supplier', 'Tedarikçi', 30),
  ('party_role', 'competitor', 'رقیب', 'Competitor', 'Rakip', 40),
  ('party_role', 'agent', 'نماینده', 'Agent', 'Temsilci', 50),
  ('party_role', 'partner', 'شریک', 'Partner', 'Ortak', 60),
  ('party_role', 'staff', 'کارمند', 'Staff', 'Personel', 70),
  ('party_role', 'marketer', 'بازاریاب', 'Marketer', 'Pazarlamacı', 80),
  ('relation', 'supplier_of', 'تأمین‌کنندهٔ', 'is a supplier of', 'tedarikçisi', 10),
  ('relation', 'competitor_of', 'رقیب', 'is a competitor of', 'rakibi', 20),
  ('relation', 'agent_of', 'نمایندهٔ', 'is an agent of', 'temsilcisi', 30),
  ('relation', 'partner_of', 'شریک', 'is a partner of', 'ortağı', 40),
  ('relation', 'customer_of', 'مشتری', 'is a customer of', 'müşterisi', 50),
  ('title', 'dr', 'دکتر', 'Dr.', 'Dr.', 10),
  ('title', 'eng', 'مهندس', 'Eng.', 'Müh.', 20),
  ('title', 'mr', 'آقای', 'Mr.', 'Bay', 30),
  ('title', 'ms', 'خانم', 'Ms.', 'Bayan', 40),
  ('source', 'exhibition', 'نمایشگاه', 'Exhibition', 'Fuar', 10),
  ('source', 'website', 'وب‌سایت', 'Website', 'Web sitesi', 20),
  ('source', 'referral', 'معرفی', 'Referral', 'Tavsiye', 30),
  ('source', 'call', 'تماس ورودی', 'Incoming call', 'Gelen arama', 40),
  ('company_type', 'private_js', 'سهامی خاص', 'Private joint stock', 'Anonim (kapalı)', 10),
  ('company_type', 'public_js', 'سهامی عام', 'Public joint stock', 'Anonim (halka açık)', 20),
  ('company_type', 'limited', 'مسئولیت محدود', 'Limited liability', 'Limited', 30),
  ('company_type', 'governmental', 'دولتی', 'Governmental', 'Kamu', 40),
  ('company_type', 'private', 'خصوصی', 'Private', 'Özel', 50),
  ('premises', 'rented', 'استیجاری', 'Rented', 'Kira', 10),
  ('premises', 'owned', 'ملکی', 'Owned', 'Mülk', 20),
  ('premises', 'goodwill', 'سرقفلی', 'Goodwill (sarqofli)', 'Hava parası', 30);

INSERT IGNORE INTO rank_types (name, color, sort) VALUES ('A', '#1a7f37', 10), ('B', '#bf8700', 20), ('C', '#cf222e', 30);

INSERT IGNORE INTO role_permissions (role_id, module, action, scope)
SELECT r.id, 'parties', a.action, 'all' FROM roles r
CROSS JOIN (SELECT 'view' AS action UNION ALL SELECT 'create' UNION ALL SELECT 'edit' UNION ALL SELECT 'delete'
            UNION ALL SELECT 'purge' UNION ALL SELECT 'export' UNION ALL SELECT 'activate'
            UNION ALL SELECT 'star' UNION ALL SELECT 'assign' UNION ALL SELECT 'print') a
WHERE r.name = 'admin';
