#!/usr/bin/env bash
# Markdown table of the f64 accuracy from test_accuracy64's ACCURACY64 lines.
#
#   gen_accuracy64_table.sh [-p PATHS] [FILE...]   (no FILE: stdin)
#
#   ctest --test-dir build -R accuracy64 -V | tests/scripts/gen_accuracy64_table.sh
#   build/tests/test_accuracy64 $(build/tests/isas) | tests/scripts/gen_accuracy64_table.sh
#
# One row per function, columns "fwd <path>", "der <path>", "bwd <path>"
# for each path present, in the order of -p PATHS (blank- or
# newline-separated; `build/tests/isas --all` gives the library's order),
# the others after them in order of appearance.  Cells are the max ULP
# (%.2f, %.3g from 1000 up); a run with failing inputs (fail=N > 0) is
# marked "✗" and bold.  "—" means not measured.  Lines may carry ctest's
# "12: " prefix; repeated measurements keep the worst.
set -euo pipefail

path_order=""
while [ $# -gt 0 ]; do
  case "$1" in
    -p) path_order=$(echo $2); shift 2 ;;
    *) break ;;
  esac
done

cat -- "$@" | awk -v path_order="$path_order" '
BEGIN { n = split(path_order, po, " "); for (i = 1; i <= n; i++) rank[po[i]] = i }
{
  i = index($0, "ACCURACY64 ")
  if (i == 0) next
  n = split(substr($0, i), f, /[ \t]+/)
  if (n < 6) next
  path = f[2]; name = f[3]; call = f[4]; ulp = f[5]
  bad = 0
  for (j = 7; j <= n; j++)
    if (f[j] ~ /^fail=/ && substr(f[j], 6) + 0 > 0) bad = 1
  if (!(name in seen_name)) { seen_name[name] = 1; names[++nn] = name }
  if (!(path in seen_path)) { seen_path[path] = ++np; paths[np] = path }
  key = name SUBSEP path SUBSEP call
  v = (ulp == "inf" || ulp == "nan") ? 1e300 : ulp + 0
  if (!(key in val) || v > val[key]) { val[key] = v; txt[key] = ulp }
  if (bad) fail[key] = 1
}
function cell(k,   s, v) {
  if (!(k in val)) return "—"
  v = val[k]
  if (v >= 1e300) s = "inf"
  else if (v >= 1000) s = sprintf("%.3g", v)
  else s = sprintf("%.2f", v)
  return (k in fail) ? "**" s "** ✗" : s
}
END {
  # paths: the -p order first, then the rest by appearance
  m = 0
  for (i = 1; i <= np; i++) if (paths[i] in rank) ord[++m] = paths[i]
  for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++)
    if (rank[ord[b]] < rank[ord[a]]) { t = ord[a]; ord[a] = ord[b]; ord[b] = t }
  for (i = 1; i <= np; i++) if (!(paths[i] in rank)) ord[++m] = paths[i]
  split("fwd der bwd", calls, " ")
  line = "| function |"; rule = "|---|"
  for (c = 1; c <= 3; c++) for (i = 1; i <= m; i++) {
    line = line " " calls[c] " " ord[i] " |"; rule = rule "---:|"
  }
  print line; print rule
  for (r = 1; r <= nn; r++) {
    line = "| " names[r] " |"
    for (c = 1; c <= 3; c++) for (i = 1; i <= m; i++)
      line = line " " cell(names[r] SUBSEP ord[i] SUBSEP calls[c]) " |"
    print line
  }
}'
