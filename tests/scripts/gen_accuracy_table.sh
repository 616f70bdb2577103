#!/usr/bin/env bash
# Markdown table of measured accuracy from test_accuracy's ACCURACY lines.
#
#   gen_accuracy_table.sh [-b] [-d HEADER] [-p PATHS] [FILE...]   (no FILE: stdin)
#
#   ctest --test-dir build -R accuracy -V | tests/scripts/gen_accuracy_table.sh
#   build/tests/test_accuracy $(build/tests/isas) | tests/scripts/gen_accuracy_table.sh
#
# One row per function (parameter variants such as elu@alpha=2.5 get their
# own row), columns "fwd <path>" then "der <path>" for each path present;
# -b adds "bwd <path>".  The paths are in the order of -p PATHS (a list
# separated by blanks or newlines: `build/tests/isas --all` gives the
# library's order), the ones it does not name after them in order of
# appearance (all in order of appearance without -p).  Cells
# are max ULP; a value over the bound (fwd 4, der/bwd 8) or a run with
# failing inputs is marked FAIL; "—" means not measured.  Lines may carry a
# prefix (ctest -V prints "12: ACCURACY ..."); repeated measurements keep
# the worst.  -d include/actfn.h adds a "definition" column: the comment of
# the function's actfn_kind line (definition, [parameters = defaults],
# derivative at kinks).
set -euo pipefail

with_bwd=0
header=/dev/null
path_order=""
while [ $# -gt 0 ]; do
  case "$1" in
    -b) with_bwd=1; shift ;;
    -d) header=$2; shift 2 ;;
    -p) path_order=$(echo $2); shift 2 ;;
    *) break ;;
  esac
done

# "ACTFN_LEAKY_RELU = 1, /**< text */" (Doxygen member comment) -> "DEF leaky_relu text"
defs=$(sed -n 's|^ *ACTFN_\([A-Z0-9_]*\) *= *[0-9]*, */\*\*< *\(.*[^ ]\) *\*/ *$|\1 \2|p' "$header" |
  awk '{ $1 = "DEF " tolower($1); print }')

{ printf '%s\n' "$defs"; cat -- "$@"; } | awk -v with_bwd="$with_bwd" -v path_order="$path_order" '
BEGIN { n = split(path_order, po, " "); for (i = 1; i <= n; i++) rank[po[i]] = i }
function order(p, i) {
  return (p in rank) ? rank[p] : 1000 + i
}
/^DEF / {
  d = substr($0, 5); k = index(d, " ")
  def[substr(d, 1, k - 1)] = substr(d, k + 1); have_def = 1
  next
}
{
  i = index($0, "ACCURACY ")
  if (i == 0) next
  n = split(substr($0, i), f, /[ \t]+/)
  if (n < 5) next
  name = f[2]; path = f[3]; mode = f[4]
  ulp = ""; bad = 0
  for (j = 5; j <= n; j++) {
    if (f[j] ~ /^maxulp=/) ulp = substr(f[j], 8)
    else if (f[j] ~ /^fail=/ && substr(f[j], 6) + 0 > 0) bad = 1
  }
  if (ulp == "") next
  if (!(name in seen_name)) { seen_name[name] = 1; names[++nn] = name }
  if (!(path in seen_path)) { seen_path[path] = 1; paths[++np] = path }
  k = name SUBSEP path SUBSEP mode
  v = (ulp ~ /^[-+]?(inf|nan)/) ? 1e300 : ulp + 0
  if (!(k in val) || v > val[k]) { val[k] = v; txt[k] = ulp }
  if (bad) failed[k] = 1
}
END {
  if (nn == 0) { print "gen_accuracy_table: no ACCURACY lines in the input" > "/dev/stderr"; exit 1 }
  # paths in the order of -p, the others after, in order of appearance
  for (a = 1; a <= np; a++) appear[paths[a]] = a
  for (a = 1; a <= np; a++)
    for (b = a + 1; b <= np; b++)
      if (order(paths[b], appear[paths[b]]) < order(paths[a], appear[paths[a]])) {
        t = paths[a]; paths[a] = paths[b]; paths[b] = t
      }
  nm = split(with_bwd ? "fwd der bwd" : "fwd der", modes, " ")
  bound["fwd"] = 4; bound["der"] = 8; bound["bwd"] = 8
  head = "| function |"; rule = "|---|"
  if (have_def) { head = head " definition |"; rule = rule "---|" }
  for (m = 1; m <= nm; m++)
    for (a = 1; a <= np; a++) { head = head " " modes[m] " " paths[a] " |"; rule = rule "---:|" }
  print head; print rule
  for (r = 1; r <= nn; r++) {
    line = "| " names[r] " |"
    if (have_def) {
      base = names[r]; sub(/@.*/, "", base)
      cell = (base == names[r] && base in def) ? def[base] : ""
      gsub(/\|/, "\\|", cell)
      line = line " " cell " |"
    }
    for (m = 1; m <= nm; m++)
      for (a = 1; a <= np; a++) {
        k = names[r] SUBSEP paths[a] SUBSEP modes[m]
        if (!(k in val)) cell = "—"
        else {
          cell = txt[k]
          if (val[k] > bound[modes[m]] || (k in failed)) cell = "**" cell " FAIL**"
        }
        line = line " " cell " |"
      }
    print line
  }
}'
