#!/usr/bin/env bash
# Generates N demo persons and N/5 companies with mixed Persian, Turkish and English
# names, mobiles, roles and search terms, entirely inside MariaDB (its sequence
# engine), so a million rows take minutes, not hours.
#   demo-data.sh SOCKET N
# Names are stored already normalized (Persian letters, no ZWNJ), so the search
# terms written here are what libcrm's normalization would write.
set -euo pipefail
SOCK=$1 N=${2:-1000}
[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || { echo "N must be a positive number" >&2; exit 2; }
C=$(( N / 5 > 0 ? N / 5 : 1 ))
# utf8mb4 whatever the locale: a shell without LANG would send the Persian seed text as latin1
db() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$SOCK" -uroot --batch --skip-column-names crm "$@"; }
FIRST="'علی','زهرا','محمد','فاطمه','رضا','مریم','حسین','سارا','مهدی','نرگس','Ahmet','Ayşe','Mehmet','Elif','Mustafa','Zeynep','Emre','Selin','Burak','Deniz','John','Mary','David','Sarah','Michael','Emma','James','Olivia','Daniel','Sophia'"
LAST="'احمدی','حسینی','کریمی','رضایی','موسوی','محمدی','جعفری','کاظمی','رحیمی','نوری','Yılmaz','Kaya','Demir','Şahin','Çelik','Yıldız','Öztürk','Aydın','Arslan','Doğan','Smith','Johnson','Brown','Taylor','Wilson','Davies','Evans','Thomas','Roberts','Walker'"
COMPANY="'پارس','آریا','نوین','سپهر','البرز','Anadolu','Marmara','Ege','Boğaziçi','Atlas','Northwind','Contoso','Fabrikam','Acme','Globex'"
SUFFIX="'صنعت','تجارت','گستر','Ticaret','Sanayi','Holding','Trading','Systems','Group','Foods'"
tag=$(date +%s)
started=$(date +%s)
db > /dev/null <<SQL
SET SESSION sql_mode = 'STRICT_ALL_TABLES';
-- text_search_key: lower case, Turkish ı and İ to plain i
CREATE OR REPLACE FUNCTION FOLD(s VARCHAR(255)) RETURNS VARCHAR(255) DETERMINISTIC
  RETURN REPLACE(REPLACE(LOWER(s), 'ı', 'i'), 'i̇', 'i');
SET @admin = (SELECT id FROM users WHERE username = 'admin');
SET @customer = (SELECT id FROM lookups WHERE kind = 'party_role' AND code = 'customer');
SET @supplier = (SELECT id FROM lookups WHERE kind = 'party_role' AND code = 'supplier');
SET @first = (SELECT COALESCE(MAX(id), 0) FROM parties);
INSERT INTO parties (kind, code, display_name, name_norm, priority, is_active, created_by)
SELECT 'person', CONCAT('D${tag}-', seq), CONCAT(f, ' ', l), CONCAT(f, ' ', l), IF(seq % 20 = 0, 1 + seq % 5, 0), seq % 17 <> 0, @admin
FROM (SELECT seq, ELT(1 + seq % 30, ${FIRST}) AS f, ELT(1 + (seq DIV 30) % 30, ${LAST}) AS l FROM seq_1_to_${N}) s;
INSERT INTO persons (party_id, first_name, last_name)
SELECT id, SUBSTRING_INDEX(display_name, ' ', 1), SUBSTRING(display_name, LOCATE(' ', display_name) + 1)
FROM parties WHERE id > @first AND kind = 'person';
SET @companies = (SELECT MAX(id) FROM parties);
INSERT INTO parties (kind, code, display_name, name_norm, priority, is_active, created_by)
SELECT 'company', CONCAT('C${tag}-', seq), CONCAT(a, ' ', b, ' ', seq), CONCAT(a, ' ', b, ' ', seq), IF(seq % 10 = 0, 5, 0), 1, @admin
FROM (SELECT seq, ELT(1 + seq % 15, ${COMPANY}) AS a, ELT(1 + (seq DIV 15) % 10, ${SUFFIX}) AS b FROM seq_1_to_${C}) s;
INSERT INTO companies (party_id) SELECT id FROM parties WHERE id > @companies;
-- one mobile per party, unique: 09 then nine digits from the id
INSERT INTO party_channels (party_id, type, value, is_primary)
SELECT id, 'mobile', CONCAT('09', LPAD(id * 7 % 1000000000, 9, '0')), 1 FROM parties WHERE id > @first;
-- the channels lists show, as party_derived_rebuild keeps them: that same mobile, the email below
UPDATE parties SET primary_phone = CONCAT('09', LPAD(id * 7 % 1000000000, 9, '0')),
  primary_email = IF(id % 3 = 0, CONCAT('contact', id, '@example.com'), '') WHERE id > @first;
INSERT INTO party_channels (party_id, type, value, is_primary)
SELECT id, 'email', CONCAT('contact', id, '@example.com'), 1 FROM parties WHERE id > @first AND id % 3 = 0;
INSERT INTO party_roles (party_id, role_id) SELECT id, IF(CRC32(id) % 4 = 0, @supplier, @customer) FROM parties WHERE id > @first;
INSERT INTO party_experts (party_id, user_id) SELECT id, @admin FROM parties WHERE id > @first;
-- the phone book's terms, as party_search.c writes them
INSERT IGNORE INTO party_search (party_id, kind, term)
SELECT id, 'n', FOLD(SUBSTRING_INDEX(display_name, ' ', 1)) FROM parties WHERE id > @first;
INSERT IGNORE INTO party_search (party_id, kind, term)
SELECT id, 'n', FOLD(SUBSTRING_INDEX(SUBSTRING_INDEX(display_name, ' ', 2), ' ', -1)) FROM parties WHERE id > @first;
INSERT IGNORE INTO party_search (party_id, kind, term)
SELECT id, 'n', FOLD(SUBSTRING_INDEX(display_name, ' ', -1)) FROM parties WHERE id > @first AND kind = 'company';
INSERT IGNORE INTO party_search (party_id, kind, term) SELECT id, 'c', LOWER(code) FROM parties WHERE id > @first;
INSERT IGNORE INTO party_search (party_id, kind, term)
SELECT party_id, 'p', REVERSE(CONCAT('98', SUBSTRING(value, 2))) FROM party_channels
WHERE party_id > @first AND type = 'mobile';
INSERT IGNORE INTO party_search (party_id, kind, term)
SELECT party_id, 'e', LOWER(value) FROM party_channels WHERE party_id > @first AND type = 'email';
DROP FUNCTION FOLD;
ANALYZE TABLE parties, persons, companies, party_channels, party_search, party_roles, party_experts;
SQL

echo "demo data: $N persons and $C companies in $(( $(date +%s) - started )) s"
