#!/usr/bin/env bash
# The gallery: every function and its derivative as an SVG, drawn by the
# actfn command (actfn plot NAME --derivative), and docs/gallery.md showing
# them.  The function list comes from the library (actfn list).
#
#   tools/gallery.sh <actfn> <docs dir>     (the CMake target `gallery`)
set -euo pipefail

actfn=${1:?usage: gallery.sh <actfn> <docs dir>}
docs=${2:?usage: gallery.sh <actfn> <docs dir>}
mkdir -p "$docs/gallery"
page=$docs/gallery.md
{
  echo "# Gallery"
  echo
  echo "Every function f (solid) and its derivative f′ (dashed) over [−6, 6], at"
  echo "the default parameters, computed by libactfn (f32) and drawn by"
  echo "\`actfn plot NAME --derivative\`. Regenerate with \`cmake --build build"
  echo "--target gallery\`."
  echo
} >"$page"
# ACTFN_ISA=scalar: the same pictures whichever CPU draws them.
"$actfn" list --csv | tail -n +2 | while IFS=, read -r name kind alpha beta gamma delta; do
  ACTFN_ISA=scalar "$actfn" plot "$name" --derivative --isa scalar -o "$docs/gallery/$name.svg"
  params=""
  for kv in "alpha=$alpha" "beta=$beta" "gamma=$gamma" "delta=$delta"; do
    [ "${kv#*=}" = 0 ] || params="$params ${kv}"
  done
  {
    echo "## $name"
    echo
    [ -z "$params" ] || echo "Defaults:$params"$'\n'
    echo "![$name and its derivative](gallery/$name.svg)"
    echo
  } >>"$page"
done
echo "gallery: $(ls "$docs/gallery" | wc -l) SVGs in $docs/gallery, page $page"
