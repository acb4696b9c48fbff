#!/usr/bin/env bash
# Backups of the whole CRM: the database (a consistent snapshot, --single-transaction) and the uploaded
# files, in one compressed archive with a manifest of SHA-256 checksums.
#   backup.sh backup             writes <var>/backups/crm-YYYYMMDD-HHMMSS.tar.gz, prints its name
#   backup.sh restore FILE       verifies FILE, takes a fresh backup, then puts database and files back
#   backup.sh checksums          prints a checksum per table (CHECKSUM TABLE), for comparing
# It connects as the application's account (Database.* in crm.hdf and the same CRM_* overrides), so the
# admin screen and `make backup` / `make restore` do the same thing.
set -euo pipefail
ROOT=${CRM_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
VAR=${CRM_VAR:-$ROOT/var}
SOCK=${CRM_DB_SOCKET:-$VAR/run/mysqld.sock}
DB=${CRM_DB_NAME:-crm}
DBUSER=${CRM_DB_USER:-crm}
PWFILE=${CRM_DB_PASSWORD_FILE:-$VAR/secrets/db-password}
BACKUPS=$VAR/backups
UPLOADS=$VAR/uploads

umask 077
mkdir -p "$BACKUPS" "$UPLOADS" "$VAR/tmp"
work=$(mktemp -d "$VAR/tmp/backup.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The password goes through a private options file, never the command line.
{
  echo "[client]"
  echo "user=$DBUSER"
  echo "password=${CRM_DB_PASSWORD:-$(head -1 "$PWFILE")}"
  echo "socket=$SOCK"
} > "$work/my.cnf"
client() { "$1" --defaults-extra-file="$work/my.cnf" "${@:2}"; }

checksums() {
  local tables
  tables=$(client mariadb --batch --skip-column-names "$DB" -e \
    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name")
  for t in $tables; do
    client mariadb --batch --skip-column-names "$DB" -e "CHECKSUM TABLE \`$t\` EXTENDED" | awk '{ sub(/^[^.]*\./, "", $1); print $1, $2 }'
  done
}

backup() {
  local stamp name
  stamp=$(date -u +%Y%m%d-%H%M%S)
  name=crm-$stamp.tar.gz
  [ -e "$BACKUPS/$name" ] && { sleep 1; stamp=$(date -u +%Y%m%d-%H%M%S); name=crm-$stamp.tar.gz; }
  mkdir -p "$work/b/files"
  # Triggers (sql/013) come without their DEFINER: the restore runs as the application's account, which
  # may create triggers on its schema but not in another user's name.
  client mariadb-dump --single-transaction --quick --routines --triggers --hex-blob --default-character-set=utf8mb4 \
    --no-tablespaces "$DB" | sed -E 's#/\*!50017 DEFINER=`[^`]*`@`[^`]*`\*/ ##; s#DEFINER=`[^`]*`@`[^`]*` ##' \
    > "$work/b/database.sql"
  cp -a "$UPLOADS/." "$work/b/files/"
  (cd "$work/b" && find . -type f ! -name MANIFEST -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum) \
    > "$work/MANIFEST.sums"
  {
    echo "format: crm-backup 1"
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "database: $DB"
    echo "server: $(client mariadb --batch --skip-column-names -e 'SELECT VERSION()')"
    echo "schema: $(client mariadb --batch --skip-column-names "$DB" -e "SELECT COALESCE(MAX(version), 'none') FROM schema_migrations")"
    echo "sha256:"
    cat "$work/MANIFEST.sums"
  } > "$work/b/MANIFEST"
  tar -C "$work/b" -czf "$work/$name" MANIFEST database.sql files
  mv "$work/$name" "$BACKUPS/$name"
  echo "$name"
}

verify() { # unpacks $1 into $work/r and checks every file against the manifest
  mkdir -p "$work/r"
  tar -C "$work/r" -xzf "$1" || { echo "not a backup archive: $1" >&2; exit 2; }
  [ -f "$work/r/MANIFEST" ] && grep -q '^format: crm-backup 1$' "$work/r/MANIFEST" ||
    { echo "no crm-backup manifest in $1" >&2; exit 2; }
  (cd "$work/r" && sed '1,/^sha256:$/d' MANIFEST | sha256sum --quiet -c -) ||
    { echo "checksums do not match in $1" >&2; exit 2; }
  [ -f "$work/r/database.sql" ] || { echo "no database in $1" >&2; exit 2; }
}

restore() {
  local file=$1 before
  [ -f "$file" ] || file=$BACKUPS/$1
  [ -f "$file" ] || { echo "no such backup: $1" >&2; exit 2; }
  verify "$file"
  before=$(backup)
  echo "fresh backup before restoring: $before" >&2
  # Tables the backup does not know are dropped too, so the database becomes exactly the backup's.
  local drop
  drop=$(client mariadb --batch --skip-column-names "$DB" -e "SET SESSION group_concat_max_len = 1048576;
    SELECT GROUP_CONCAT(CONCAT('\`', table_name, '\`')) FROM information_schema.tables WHERE table_schema = DATABASE()")
  if [ "$drop" != "NULL" ] && [ -n "$drop" ]; then
    client mariadb "$DB" -e "SET FOREIGN_KEY_CHECKS = 0; DROP TABLE IF EXISTS $drop; SET FOREIGN_KEY_CHECKS = 1;"
  fi
  client mariadb --default-character-set=utf8mb4 "$DB" < "$work/r/database.sql"
  rm -rf "$UPLOADS.restoring" && mkdir -p "$UPLOADS.restoring"
  cp -a "$work/r/files/." "$UPLOADS.restoring/"
  rm -rf "$UPLOADS.old" && mv "$UPLOADS" "$UPLOADS.old" && mv "$UPLOADS.restoring" "$UPLOADS" && rm -rf "$UPLOADS.old"
  echo "$before"
}

case "${1:-}" in
  backup) backup ;;
  restore) [ -n "${2:-}" ] || { echo "usage: $0 restore FILE" >&2; exit 2; }; restore "$2" ;;
  checksums) checksums ;;
  *) echo "usage: $0 backup | restore FILE | checksums" >&2; exit 2 ;;
esac
