#!/usr/bin/env bash
# Builds a libFuzzer target per parser with clang and runs each for FUZZ_SECONDS (default 5).
# New inputs found go to var/fuzz/<target>, never into the committed seeds.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-5}
out=build/fuzz
mkdir -p "$out"
lib="cgi/lib/http/form_parse.c cgi/lib/http/cookie_parse.c cgi/lib/http/multipart_parse.c cgi/lib/http/utf8.c cgi/lib/core/kv.c cgi/lib/io/csv_parse.c cgi/lib/io/csv_encoding.c cgi/lib/core/buf.c cgi/lib/files/file_type.c"
pass=0 fail=0
for t in urlencoded cookie multipart csv files; do
  # the build's warnings (Makefile WARN), kept at zero here too
  clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wmissing-prototypes -Wstrict-prototypes -Wvla -Wcast-qual -Wwrite-strings \
    -I/usr/include/ClearSilver -Icgi/lib -o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" $lib $(pkg-config --cflags --libs icu-uc)
  mkdir -p "var/fuzz/$t"
  if "$out/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=65536 -print_final_stats=0 \
      "var/fuzz/$t" "tests/fuzz/corpus/$t" > "var/fuzz/$t.log" 2>&1; then
    echo "ok   fuzz_$t ($(grep -Eo 'Done [0-9]+ runs' "var/fuzz/$t.log" | tail -1 || true))"
    pass=$((pass + 1))
  else
    echo "FAIL fuzz_$t"; tail -40 "var/fuzz/$t.log"
    fail=$((fail + 1))
  fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
