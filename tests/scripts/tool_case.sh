#!/usr/bin/env bash
# One case of the actfn command's tests (tests/cmake/tool.cmake):
#
#   tool_case.sh run <status> <out|err> <regex> <command...>
#       the command must exit with <status> and print a line matching the
#       extended <regex> on that stream (errors: on stderr, stdout empty)
#   tool_case.sh json <command...>
#       the command must succeed and print JSON that python3 -m json.tool
#       accepts (exit 77, skipped, without python3)
#   tool_case.sh svg <command...>
#       the command (a plot without -o) must write <file>: well-formed XML
#       (python3's parser, else the shape checked with grep) whose root is
#       <svg> and that holds at least one polyline
#
# ACTFN_TOOL=<path> runs that actfn instead of the command's first word (the
# installed copy: tests/scripts/debian-packages.sh runs every case against
# the packaged /usr/bin/actfn).
set -uo pipefail

mode=${1:?usage: tool_case.sh run|json|svg ...}
shift
if [ -n "${ACTFN_TOOL:-}" ]; then
  case $mode in
  run) set -- "$1" "$2" "$3" "$ACTFN_TOOL" "${@:5}" ;;
  *) set -- "$ACTFN_TOOL" "${@:2}" ;;
  esac
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/actfn-tool.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; for s in out err; do echo "--- std$s:"; cat "$tmp/$s" 2>/dev/null; done; exit 1; }

case $mode in
run)
  want=$1 stream=$2 regex=$3
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" = "$want" ] || fail "$* exited $rc, not $want"
  grep -Eq -- "$regex" "$tmp/$stream" || fail "$* printed no line matching '$regex' on std$stream"
  if [ "$want" != 0 ] && [ -s "$tmp/out" ]; then fail "$* failed but wrote to stdout"; fi
  echo "ok: $* -> exit $rc, std$stream matches '$regex'"
  ;;
json)
  "$@" >"$tmp/out" 2>"$tmp/err" || fail "$* exited $?"
  if ! command -v python3 >/dev/null; then
    echo "python3 not found: JSON not validated (skipped)"
    exit 77
  fi
  python3 -m json.tool "$tmp/out" >/dev/null 2>"$tmp/json.err" || { cat "$tmp/json.err"; fail "$*: not JSON"; }
  echo "ok: $* prints valid JSON ($(wc -c <"$tmp/out") bytes)"
  ;;
svg)
  "$@" -o "$tmp/plot.svg" >"$tmp/out" 2>"$tmp/err" || fail "$* exited $?"
  f=$tmp/plot.svg
  [ -s "$f" ] || fail "$*: no SVG written"
  if command -v python3 >/dev/null; then
    python3 - "$f" <<'PY' || fail "$*: not a well-formed SVG"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert root.tag == ns + "svg", root.tag
lines = root.findall(ns + "polyline")
assert lines, "no polyline"
for p in lines:
    for pt in p.get("points").split():
        x, y = (float(v) for v in pt.split(","))
        assert 0 <= x <= float(root.get("width")) and 0 <= y <= float(root.get("height")), pt
print("polylines:", len(lines))
PY
  else
    head -n 1 "$f" | grep -q '^<?xml' || fail "no XML declaration"
    grep -q '^<svg ' "$f" && tail -n 1 "$f" | grep -qx '</svg>' || fail "no <svg> root"
    grep -q '<polyline' "$f" || fail "no polyline"
  fi
  echo "ok: $* writes a well-formed SVG"
  ;;
*)
  echo "tool_case.sh: unknown mode $mode" >&2
  exit 2
  ;;
esac
