# Sourced by the run scripts.  `need_packages PKG...` installs, with
# apt-get (as root), those of the Debian packages named that are not
# installed; PKG may carry an architecture (libsleef-dev:arm64).  A plain
# name counts as installed only for this machine's architecture (or as an
# architecture-independent package): once the arm64 copy of a library is
# there, the name alone no longer says which one is.

pkg_installed() { # name[:arch]
  local name=${1%%:*} arch
  if [ "$name" = "$1" ]; then arch=$(dpkg --print-architecture); else arch=${1#*:}; fi
  dpkg-query -W -f='${db:Status-Abbrev} ${Architecture}\n' "$name" 2>/dev/null |
    grep -Eq "^ii +($arch|all)\$"
}

need_packages_updated=0
need_packages() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$need_packages_updated" = 0 ]; then
    apt-get update -q || return 1
    need_packages_updated=1
  fi
  apt-get install -y -q "${missing[@]}"
}
