#!/usr/bin/env bash
# `make bench`: its own stack (var/bench, free ports, release build), demo data at the chosen size, then
# tests/bench/bench.mjs measures. Sizes: default 1,000,000 persons + 200,000 companies, 10 s per point;
# BENCH_QUICK=1: 50,000 persons, 3 s per point (under 3 minutes); BENCH_SMOKE=1: 1,000 persons, 1 s per
# point, no results file (what `make test` runs to keep this script working). BENCH_PERSONS,
# BENCH_DURATION, BENCH_CONNS ("1 8 32") and BENCH_BUILD override.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
if [ "${BENCH_SMOKE:-0}" = 1 ]; then
  persons=${BENCH_PERSONS:-1000}; export BENCH_DURATION=${BENCH_DURATION:-1} BENCH_WARMUP=0 BENCH_CONNS=${BENCH_CONNS:-"1 8"}
  export BENCH_EXPORT_ROWS=500 BENCH_RESULTS=0
  build=${BENCH_BUILD:-$ROOT/build/test}; var=$ROOT/var/bench-smoke
elif [ "${BENCH_QUICK:-0}" = 1 ]; then
  persons=${BENCH_PERSONS:-50000}; export BENCH_DURATION=${BENCH_DURATION:-3} BENCH_WARMUP=1 BENCH_EXPORT_ROWS=${BENCH_EXPORT_ROWS:-50000}
  build=${BENCH_BUILD:-$ROOT/build/release}; var=$ROOT/var/bench
else
  persons=${BENCH_PERSONS:-1000000}; export BENCH_DURATION=${BENCH_DURATION:-10} BENCH_WARMUP=${BENCH_WARMUP:-2}
  build=${BENCH_BUILD:-$ROOT/build/release}; var=$ROOT/var/bench
fi
export CRM_ROOT=$ROOT CRM_VAR=$var CRM_BUILD=$build CRM_WORKERS=${CRM_WORKERS:-2} CRM_DEMO=0 CRM_BENCH_ROUTES=1
export CRM_DB_SOCKET=$CRM_VAR/run/mysqld.sock BENCH_PERSONS=$persons
# a server holding a million parties is given the memory to keep them (about 1.5 GB of data and indexes)
export CRM_DB_BUFFER_POOL=${CRM_DB_BUFFER_POOL:-2G}
bash conf/stack.sh stop > /dev/null 2>&1 || true
rm -rf "$CRM_VAR"
# the export is timed as one download (the engine against libxlsxwriter alone), not handed to the worker
mkdir -p "$CRM_VAR"
printf 'Jobs {\n  ExportDirectRows = 10000000\n}\n' > "$CRM_VAR/crm.local.hdf"
export CRM_PORT=$(bash conf/free-port.sh) CRM_DB_PORT=$(bash conf/free-port.sh)
trap 'bash conf/stack.sh stop > /dev/null 2>&1' EXIT
started=$(date +%s)
bash conf/stack.sh start > /dev/null
echo "stack on port $CRM_PORT; loading $persons persons and $((persons / 5)) companies..."
bash conf/demo-data.sh "$CRM_DB_SOCKET" "$persons" > /dev/null
echo "loaded in $(( $(date +%s) - started )) s; measuring"
node tests/bench/bench.mjs
echo "make bench: done in $(( $(date +%s) - started )) s"
