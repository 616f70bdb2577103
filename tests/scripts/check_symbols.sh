#!/usr/bin/env bash
# The exported ABI (CONTRACT.md "Shape"): every dynamic symbol libactfn.so
# defines starts with actfn_, its SONAME is libactfn.so.<major>, and every
# function the public header declares is exported.  With the static archive,
# its global definitions must start with actfn_ too (a static link puts them
# in the consumer's namespace).
#
#   check_symbols.sh <libactfn.so> <soname> [<actfn.h>] [<libactfn.a>]
set -euo pipefail

lib=${1:?usage: check_symbols.sh <libactfn.so> <soname> [<actfn.h>] [<libactfn.a>]}
want_soname=${2:?missing expected SONAME}
header=${3:-}
archive=${4:-}
nodes=${5:-}
NM=${NM:-nm}
READELF=${READELF:-readelf}
status=0
indent() { while IFS= read -r line; do printf '  %s\n' "$line"; done <<<"$1"; }

# Defined dynamic symbols, without version suffixes.  Type A entries are the
# version nodes (ACTFN_0), not symbols.
exported=$("$NM" -D --defined-only "$lib" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' | sort -u)
if [ -z "$exported" ]; then
  echo "FAIL: $lib exports nothing"
  exit 1
fi
offenders=$(grep -v '^actfn_' <<<"$exported" || true)
if [ -n "$offenders" ]; then
  echo "FAIL: exported symbols of $lib not starting with actfn_:"
  indent "$offenders"
  status=1
else
  echo "ok: all $(wc -l <<<"$exported") exported symbols start with actfn_"
fi

soname=$("$READELF" -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" != "$want_soname" ]; then
  echo "FAIL: SONAME of $lib is '${soname:-<none>}', want '$want_soname'"
  status=1
else
  echo "ok: SONAME $soname"
fi

if [ -n "$header" ]; then
  # "ACTFN_API <type> actfn_name(": the identifier right before "(", with
  # the header flattened so a declaration may span lines.
  declared=$(tr '\n' ' ' <"$header" | grep -o 'ACTFN_API[^;(]*(' |
             sed -nE 's/.*[^a-z0-9_](actfn_[a-z0-9_]*)[[:space:]]*\($/\1/p' | sort -u)
  missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
  if [ -n "$missing" ]; then
    echo "FAIL: declared in $header but not exported:"
    indent "$missing"
    status=1
  else
    echo "ok: all $(wc -l <<<"$declared") functions declared in the header are exported"
  fi
  extra=$(comm -13 <(echo "$declared") <(echo "$exported"))
  if [ -n "$extra" ]; then
    echo "FAIL: exported but not declared in $header (internal symbols leaking):"
    indent "$extra"
    status=1
  fi
fi

# Every symbol with the version node it was released under: the list only
# grows (an existing symbol never changes node, a new one needs its line).
if [ -n "$nodes" ]; then
  OBJDUMP=${OBJDUMP:-objdump}
  have=$("$OBJDUMP" -T "$lib" | awk '/ actfn_/ { print $NF, $(NF-1) }' | sort)
  want=$(grep -v '^#' "$nodes" | sort)
  if [ "$have" != "$want" ]; then
    echo "FAIL: exported symbols and version nodes differ from $nodes (- listed, + exported):"
    indent "$(diff <(echo "$want") <(echo "$have") | grep '^[<>]' | sed 's/^</-/; s/^>/+/')"
    status=1
  else
    echo "ok: $(wc -l <<<"$want") symbols, each in its recorded version node"
  fi
fi

if [ -n "$archive" ]; then
  globals=$("$NM" -g --defined-only "$archive" 2>/dev/null |
            awk 'NF == 3 && $2 != "A" { print $3 }' | sort -u |
            grep -Ev '^__(odr_asan|asan|ubsan|sanitizer|gcov|llvm_)' || true)
  # (sanitizer and coverage builds add instrumentation symbols of their own)
  offenders=$(grep -v '^actfn_' <<<"$globals" || true)
  if [ -n "$offenders" ]; then
    echo "FAIL: global symbols of $archive not starting with actfn_:"
    indent "$offenders"
    status=1
  else
    echo "ok: all $(wc -l <<<"$globals") global symbols of the archive start with actfn_"
  fi
fi
exit $status
