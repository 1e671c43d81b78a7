#!/usr/bin/env bash
# Install the readers of `.env` files the differential test of src/dotenv/ compares with:
# python-dotenv and docker compose from Debian sid, unpacked (never installed) into
#   ${ENV_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/env-oracle}/
# django-environ and python-decouple come from the Django 5.2 oracle (scripts/
# install-django-oracle.sh installs them from sid too).
#
# The .debs are downloaded with a private apt state (scripts/lib/debian-packages.sh). Run with
# Debian's /usr/bin/python3:
#   PYTHONPATH=<cache>/usr/lib/python3/dist-packages /usr/bin/python3 -c 'import dotenv'
#   <cache>/usr/bin/docker-compose config   (a static Go binary; needs no daemon for `config`)
#
# Idempotent: a complete cache (PACKAGES stamp, dotenv importable, compose runs) is kept, so a
# second run takes well under a second. Concurrent runs serialise on a lock file; the tree is
# unpacked beside its final folder and moved into place when whole.
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"

readonly PYTHON=/usr/bin/python3
readonly SUITE=sid
readonly PACKAGES=(python3-dotenv docker-compose)
CACHE="${ENV_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/env-oracle}"
readonly CACHE

versions_in() {
  local dotenv compose
  dotenv="$(PYTHONPATH="$1/usr/lib/python3/dist-packages" "$PYTHON" -s -c \
    'import dotenv.version; print(dotenv.version.__version__)' 2>/dev/null)" || return 1
  compose="$("$1/usr/bin/docker-compose" version --short 2>/dev/null)" || return 1
  echo "python-dotenv $dotenv, docker compose $compose"
}

is_cached() {
  local package
  [[ -s "$CACHE/PACKAGES" ]] || return 1
  for package in "${PACKAGES[@]}"; do
    grep -q "^$package " "$CACHE/PACKAGES" || return 1
  done
  versions_in "$CACHE" >/dev/null
}

install() {
  local state
  state="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: the trap outlives this function's locals
  trap "rm -rf '$state'" EXIT
  echo "env oracle: downloading ${PACKAGES[*]} from Debian $SUITE"
  debian_download "$state" "$SUITE" "$state/debs" "${PACKAGES[@]}"
  local staging="$CACHE.partial"
  rm -rf "$staging"
  debian_unpack "$state/debs" "$staging"
  "$PYTHON" -m compileall -q -j 0 "$staging/usr/lib/python3/dist-packages" >/dev/null \
    || debian_die "byte-compiling $staging failed"
  rm -rf "$CACHE"
  mv "$staging" "$CACHE"
  versions_in "$CACHE" >/dev/null || debian_die "the unpacked python-dotenv or docker compose does not run"
}

main() {
  [[ -x "$PYTHON" ]] || debian_die "$PYTHON not found (Debian's python3 is required)"
  mkdir -p "$(dirname "$CACHE")"
  exec 9>"$CACHE.lock"
  flock 9 || debian_die "cannot lock $CACHE.lock"
  if is_cached; then
    echo "env oracle: cached in $CACHE"
  else
    install
  fi
  echo "env oracle: $(versions_in "$CACHE") in $CACHE"
}

main "$@"
