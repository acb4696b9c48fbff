#!/usr/bin/env bash
# Installs what the project needs on Debian 12, only what is missing.
#   deps.sh run   packages to build and run, and the front-end assets
#   deps.sh test  the above plus what the tests use (clang for fuzzing, chromium, openpyxl, xmllint, wrk)
#   deps.sh bench the run packages plus wrk
set -euo pipefail
cd "$(dirname "$0")/.."

run_pkgs=(build-essential pkg-config libfcgi-dev spawn-fcgi multiwatch libmariadb-dev mariadb-server
  mariadb-client clearsilver-dev zlib1g-dev libcurl4-openssl-dev libgcrypt20-dev libxlsxwriter-dev libicu-dev libjansson-dev
  nginx curl ca-certificates)
test_pkgs=(clang libclang-rt-14-dev chromium fonts-dejavu-core python3-openpyxl libxml2-utils wrk)

want=("${run_pkgs[@]}")
[ "${1:-run}" = test ] && want+=("${test_pkgs[@]}")
[ "${1:-run}" = bench ] && want+=(wrk)
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || want+=(nodejs npm)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  started=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  echo "Debian packages installed in $(( $(date +%s) - started )) s"
fi

# Front-end packages, pinned by package-lock.json, copied into html/static (no CDN).
npm_ok=1
for m in vazirmatn bootstrap bootstrap-icons tom-select playwright-core axe-core; do [ -d node_modules/$m ] || npm_ok=0; done
if [ $npm_ok = 0 ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
vendor=html/static/vendor
mkdir -p "$vendor/vazirmatn/fonts"
cp node_modules/vazirmatn/Vazirmatn-font-face.css "$vendor/vazirmatn/"
cp -r node_modules/vazirmatn/fonts/webfonts "$vendor/vazirmatn/fonts/"
# Bootstrap's css only (its left-to-right and right-to-left builds); the few scripts we need are our own.
mkdir -p "$vendor/bootstrap/css"
cp node_modules/bootstrap/LICENSE "$vendor/bootstrap/"
for f in bootstrap.min.css bootstrap.rtl.min.css; do cp node_modules/bootstrap/dist/css/$f node_modules/bootstrap/dist/css/$f.map "$vendor/bootstrap/css/"; done
mkdir -p "$vendor/bootstrap-icons/fonts"
cp node_modules/bootstrap-icons/LICENSE "$vendor/bootstrap-icons/"
cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$vendor/bootstrap-icons/"
cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff "$vendor/bootstrap-icons/fonts/"
# Tom Select: type-ahead pickers for links to other records (its build with plugins, Bootstrap 5 theme)
mkdir -p "$vendor/tom-select"
cp node_modules/tom-select/LICENSE "$vendor/tom-select/"
for f in js/tom-select.complete.min.js css/tom-select.bootstrap5.min.css; do cp node_modules/tom-select/dist/$f node_modules/tom-select/dist/$f.map "$vendor/tom-select/"; done
