#!/usr/bin/env bash
# Fails when a template uses a ClearSilver output form that does not escape:
# alt:, name:, uvar:, lvar:, evar: (lvar/evar even run data as template code).
# Data goes out only through var: (escaped for HTML by Config.VarEscapeMode).
#   lint_templates.sh [DIR...]   (default: html/templates)
set -u
dirs=("$@"); [ ${#dirs[@]} -gt 0 ] || dirs=(html/templates)
bad=$(grep -rnE '<\?cs[[:space:]]+(alt|name|uvar|lvar|evar)[[:space:]]*:' --include='*.cs' "${dirs[@]}")
if [ -n "$bad" ]; then
  echo "Templates use raw output forms (use var: instead):"
  echo "$bad"
  exit 1
fi
exit 0
