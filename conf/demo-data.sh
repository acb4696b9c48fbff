#!/usr/bin/env bash
# Generates N demo persons and N/5 companies with mixed Persian, Turkish and English
# names, mobiles, emails, roles and search terms, so a million rows take minutes, not hours.
#   demo-data.sh SOCKET N
# The rows come from crm-demo-rows (cgi/tools/demo_rows.c), which derives name_norm and the
# phone book's terms with libcrm's normalization and the parties module's own search code,
# so they are what saving each party in the CRM would store; LOAD DATA loads them in bulk.
# Roles and experts (no derived values) are added here in SQL.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SOCK=$1 N=${2:-1000}
[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] || { echo "N must be a positive number" >&2; exit 2; }
BUILD=${CRM_BUILD:-$ROOT/build/release}
TOOL=$BUILD/bin/crm-demo-rows
[ -x "$TOOL" ] || { echo "build first: $TOOL is missing (make build)" >&2; exit 1; }
export CRM_ROOT=${CRM_ROOT:-$ROOT} CRM_VAR=${CRM_VAR:-$ROOT/var}
C=$(( N / 5 > 0 ? N / 5 : 1 ))
# utf8mb4 whatever the locale: a shell without LANG would send the Persian text as latin1
db() { mariadb --no-defaults --default-character-set=utf8mb4 --local-infile=1 --socket="$SOCK" -uroot --batch --skip-column-names crm "$@"; }
tag=$(date +%s)
started=$(date +%s)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
first=$(db -e 'SELECT COALESCE(MAX(id), 0) FROM parties')
"$TOOL" "$dir" "$N" "$first" "$tag"
db > /dev/null <<SQL
SET SESSION sql_mode = 'STRICT_ALL_TABLES';
-- the rows are consistent by construction; checking each key on the way in only costs time
SET SESSION unique_checks = 0, foreign_key_checks = 0;
SET @admin = (SELECT id FROM users WHERE username = 'admin');
SET @customer = (SELECT id FROM lookups WHERE kind = 'party_role' AND code = 'customer');
SET @supplier = (SELECT id FROM lookups WHERE kind = 'party_role' AND code = 'supplier');
START TRANSACTION;
LOAD DATA LOCAL INFILE '$dir/parties.tsv' INTO TABLE parties CHARACTER SET utf8mb4
  (id, kind, code, display_name, name_norm, priority, is_active, primary_phone, primary_email) SET created_by = @admin;
LOAD DATA LOCAL INFILE '$dir/persons.tsv' INTO TABLE persons CHARACTER SET utf8mb4 (party_id, first_name, last_name);
LOAD DATA LOCAL INFILE '$dir/companies.tsv' INTO TABLE companies CHARACTER SET utf8mb4 (party_id);
LOAD DATA LOCAL INFILE '$dir/channels.tsv' INTO TABLE party_channels CHARACTER SET utf8mb4 (party_id, type, value, is_primary);
LOAD DATA LOCAL INFILE '$dir/search.tsv' INTO TABLE party_search CHARACTER SET utf8mb4 (party_id, kind, term);
INSERT INTO party_roles (party_id, role_id) SELECT id, IF(CRC32(id) % 4 = 0, @supplier, @customer) FROM parties WHERE id > $first;
INSERT INTO party_experts (party_id, user_id) SELECT id, @admin FROM parties WHERE id > $first;
-- company trees: in each run of ten new companies the first holds the next three, and the
-- fifth sits under the second (two levels)
UPDATE companies c
  JOIN (SELECT party_id, ROW_NUMBER() OVER (ORDER BY party_id) - 1 AS k FROM companies WHERE party_id > $first) x
    ON x.party_id = c.party_id
  JOIN (SELECT party_id, ROW_NUMBER() OVER (ORDER BY party_id) - 1 AS k FROM companies WHERE party_id > $first) h
    ON h.k = IF(x.k % 10 = 4, x.k - 3, x.k - x.k % 10)
  SET c.parent_id = h.party_id WHERE x.k % 10 BETWEEN 1 AND 4;
COMMIT;
ANALYZE TABLE parties, persons, companies, party_channels, party_search, party_roles, party_experts;
SQL

echo "demo data: $N persons and $C companies in $(( $(date +%s) - started )) s"
