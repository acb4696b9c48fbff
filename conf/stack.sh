#!/usr/bin/env bash
# Starts and stops the private stack: MariaDB, the module workers, the job worker and nginx, all under one var/ directory.
#   stack.sh start | stop | status
# Settings (environment):
#   CRM_VAR      state directory (default: <root>/var)      CRM_PORT    nginx port (default 8080)
#   CRM_DB_PORT  MariaDB TCP port (default 3307)            CRM_BUILD   binaries (default <root>/build/release)
#   CRM_WORKERS  workers per module (default 2)             CRM_DEMO    load demo data (default 1)
#   CRM_DEMO_SIZE  demo persons made on an empty database (default 500; companies are a fifth)
#   CRM_DB_BUFFER_POOL  InnoDB buffer pool of the private MariaDB (default 256M; `make bench` uses 2G)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${CRM_VAR:-$ROOT/var}
PORT=${CRM_PORT:-8080}
DB_PORT=${CRM_DB_PORT:-3307}
BUILD=${CRM_BUILD:-$ROOT/build/release}
WORKERS=${CRM_WORKERS:-2}
DEMO=${CRM_DEMO:-1}
# Every module of the registry (conf/modules) gets its workers, socket and nginx location.
mapfile -t MODULES < <(awk '!/^[[:space:]]*(#|$)/ {print $1}' "$ROOT/conf/modules")
SOCK=$VAR/run/mysqld.sock
export CRM_ROOT=$ROOT CRM_VAR=$VAR CRM_DB_SOCKET=$SOCK CRM_CONFIG=${CRM_CONFIG:-$ROOT/conf/crm.hdf}

mysql_root() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$SOCK" -uroot "$@"; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

make_secrets() {
  mkdir -p "$VAR/secrets" && chmod 700 "$VAR/secrets"
  for f in db-password app-key; do
    [ -s "$VAR/secrets/$f" ] || (umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$VAR/secrets/$f"; echo >> "$VAR/secrets/$f")
  done
}

start_db() {
  if alive "$VAR/run/mysqld.pid"; then return; fi
  if [ ! -d "$VAR/db/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$VAR/db" --user=root --skip-test-db \
      --auth-root-authentication-method=socket > "$VAR/log/mariadb-install.log" 2>&1 \
      || { cat "$VAR/log/mariadb-install.log"; exit 1; }
  fi
  mariadbd --no-defaults --datadir="$VAR/db" --socket="$SOCK" --port="$DB_PORT" --bind-address=127.0.0.1 \
    --pid-file="$VAR/run/mysqld.pid" --user=root --log-error="$VAR/log/mariadb.log" --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size="${CRM_DB_BUFFER_POOL:-256M}" \
    --innodb-flush-log-at-trx-commit=2 > /dev/null 2>&1 &
  for _ in $(seq 1 120); do
    mariadb-admin --no-defaults --socket="$SOCK" -uroot ping > /dev/null 2>&1 && return
    sleep 0.25
  done
  echo "MariaDB did not start; see $VAR/log/mariadb.log" >&2; tail -20 "$VAR/log/mariadb.log" >&2; exit 1
}

setup_db() {
  local pw; pw=$(head -1 "$VAR/secrets/db-password")
  mysql_root -e "CREATE DATABASE IF NOT EXISTS crm CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS 'crm'@'localhost' IDENTIFIED BY '$pw';
    ALTER USER 'crm'@'localhost' IDENTIFIED BY '$pw';
    GRANT ALL PRIVILEGES ON crm.* TO 'crm'@'localhost';"
  bash "$ROOT/conf/migrate.sh" "$SOCK" "$DEMO"
  "$BUILD/bin/crmctl" bootstrap-admin > /dev/null
  # Demo persons and companies, once, on an empty database.
  if [ "$DEMO" = 1 ] && [ "$(mysql_root --batch --skip-column-names crm -e 'SELECT COUNT(*) FROM parties')" = 0 ]; then
    CRM_BUILD=$BUILD bash "$ROOT/conf/demo-data.sh" "$SOCK" "${CRM_DEMO_SIZE:-500}"
  fi
}

start_modules() {
  for m in "${MODULES[@]}"; do
    # A rebuilt binary replaces the running workers; otherwise they stay.
    if alive "$VAR/run/$m.pid"; then
      [ "$BUILD/bin/$m.fcgi" -nt "$VAR/run/$m.pid" ] || continue
      stop_pid "$VAR/run/$m.pid"
    fi
    rm -f "$VAR/run/$m.sock"
    # multiwatch restarts a worker that dies; spawn-fcgi hands it the socket.
    spawn-fcgi -s "$VAR/run/$m.sock" -M 0660 -P "$VAR/run/$m.pid" -- \
      /usr/bin/multiwatch -f "$WORKERS" -- "$BUILD/bin/$m.fcgi" >> "$VAR/log/$m.log" 2>&1
  done
}

# The job worker (crm-worker) under multiwatch, which restarts it when it dies: it is
# no FastCGI program, but multiwatch only forks and watches (-s TERM: stop means SIGTERM,
# which the worker takes as "finish the current job, then exit"). Its log: var/log/worker.log.
start_worker() {
  if alive "$VAR/run/worker.pid"; then
    [ "$BUILD/bin/crm-worker" -nt "$VAR/run/worker.pid" ] || return 0
    stop_pid "$VAR/run/worker.pid"
  fi
  # setsid: its own session, so a Ctrl-C in the shell that ran `make run` does not stop it
  setsid /usr/bin/multiwatch -f 1 -s TERM -- "$BUILD/bin/crm-worker" < /dev/null >> "$VAR/log/worker.log" 2>&1 &
  echo $! > "$VAR/run/worker.pid"
}

start_nginx() {
  alive "$VAR/run/nginx.pid" && return
  mkdir -p "$VAR/tmp/nginx"
  local upstreams="" m
  for m in "${MODULES[@]}"; do
    upstreams+="  upstream $m { server unix:$VAR/run/$m.sock max_fails=0; server unix:$VAR/run/$m.sock max_fails=0; }\n"
  done
  sed -e "s|@UPSTREAMS@|$upstreams|" -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" \
      -e "s/@MODULES@/$(IFS='|'; echo "${MODULES[*]}")/g" "$ROOT/conf/nginx.conf.in" > "$VAR/nginx.conf"
  nginx -c "$VAR/nginx.conf" -p "$VAR" -e "$VAR/log/nginx-error.log"
}

wait_ready() {
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/auth/login")" = 200 ] && return
    sleep 0.2
  done
  echo "The login page did not answer; logs are in $VAR/log" >&2; tail -20 "$VAR/log/auth.log" >&2; exit 1
}

stop_pid() {
  local f=$1 sig=${2:-TERM}
  alive "$f" || { rm -f "$f"; return 0; }
  local pid; pid=$(cat "$f")
  kill -"$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$f"
}

case "${1:-}" in
start)
  mkdir -p "$VAR/run" "$VAR/log" "$VAR/uploads" "$VAR/tmp"
  [ -x "$BUILD/bin/crmctl" ] || { echo "build first: make build" >&2; exit 1; }
  make_secrets
  start_db
  setup_db
  start_modules
  start_worker
  start_nginx
  wait_ready
  echo
  echo "CRM is running: http://127.0.0.1:$PORT/"
  if [ -s "$VAR/initial-admin-password" ]; then
    echo "Log in as: admin / $(cat "$VAR/initial-admin-password")   (kept in $VAR/initial-admin-password until changed)"
  else
    echo "Log in as: admin (its password was changed from the initial one)"
  fi
  echo "Stop it with: make stop"
  ;;
stop)
  stop_pid "$VAR/run/nginx.pid" QUIT
  for m in "${MODULES[@]}"; do stop_pid "$VAR/run/$m.pid"; done
  stop_pid "$VAR/run/worker.pid"
  stop_pid "$VAR/run/mysqld.pid"
  ;;
status)
  for f in nginx "${MODULES[@]}" worker mysqld; do
    if alive "$VAR/run/$f.pid"; then echo "$f: running ($(cat "$VAR/run/$f.pid"))"; else echo "$f: stopped"; fi
  done
  ;;
*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
