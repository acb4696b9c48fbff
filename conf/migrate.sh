#!/usr/bin/env bash
# Applies sql/NNN_*.sql in order, each once, recorded in schema_migrations; then sql/demo/ when asked.
#   migrate.sh SOCKET [LOAD_DEMO=1]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SOCK=$1 DEMO=${2:-1}
# utf8mb4 whatever the locale: a shell without LANG would send the Persian seed text as latin1
db() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$SOCK" -uroot --batch --skip-column-names crm "$@"; }
db -e "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(128) NOT NULL PRIMARY KEY,
  applied_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP()) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
apply() {
  local file=$1 version=$2
  [ -n "$(db -e "SELECT 1 FROM schema_migrations WHERE version = '$version'")" ] && return
  echo "applying $version"
  db < "$file"
  db -e "INSERT INTO schema_migrations (version) VALUES ('$version')"
}
for f in "$ROOT"/sql/[0-9]*.sql; do apply "$f" "$(basename "$f" .sql)"; done
if [ "$DEMO" = 1 ]; then
  for f in "$ROOT"/sql/demo/[0-9]*.sql; do [ -e "$f" ] && apply "$f" "demo/$(basename "$f" .sql)"; done
fi
exit 0
