#!/usr/bin/env bash
# libcrm's areas depend one way only: a file in an area includes only its own
# area's header and those of areas listed before it here. Modules may include any.
# Also: no area reaches into another's folder except through its one header.
set -uo pipefail
cd "$(dirname "$0")/../.."
order=(core i18n config http db audit jobs auth render files io records domain app)
declare -A rank
for i in "${!order[@]}"; do rank[${order[$i]}]=$i; done
bad=0
for dir in cgi/lib/*/; do
  area=$(basename "$dir")
  if [ -z "${rank[$area]+x}" ]; then echo "layers: cgi/lib/$area is not in the order (tests/tools/check_layers.sh)"; bad=1; continue; fi
  [ -f "$dir/$area.h" ] || { echo "layers: cgi/lib/$area has no $area.h"; bad=1; }
  for f in "$dir"*.c "$dir"*.h; do
    [ -e "$f" ] || continue
    while IFS= read -r inc; do
      case "$inc" in
        "$area.h") continue ;;
        */*.h) ;;
        *) echo "layers: $f includes \"$inc\": include an area's header as \"area/area.h\""; bad=1; continue ;;
      esac
      to=${inc%%/*}
      if [ "$inc" != "$to/$to.h" ] || [ -z "${rank[$to]+x}" ]; then
        echo "layers: $f includes \"$inc\": only an area's one header may be included"; bad=1
      elif [ "${rank[$to]}" -gt "${rank[$area]}" ]; then
        echo "layers: $f ($area) includes $to, which comes after it"; bad=1
      fi
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
  done
done
[ $bad = 0 ] && echo "layers: ${#order[@]} areas, every include goes one way"
exit $bad
