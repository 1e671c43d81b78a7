#!/usr/bin/env bash
# Install real Django 3.2, 4.2 and 5.2 from Debian as the differential-test oracle.
#
# All three versions come the same way (uniform, no system-wide install):
#   3.2 <- bookworm, 4.2 <- trixie, 5.2 <- sid.
# For each suite the .debs are downloaded with a private apt state (scripts/lib/debian-packages.sh)
# and unpacked with `dpkg -x` into
#   ${DJANGO_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/django-oracle}/<X.Y>/
#
# Run with Debian's /usr/bin/python3 (3.11):
#   PYTHONPATH=<cache>/<X.Y>/usr/lib/python3/dist-packages /usr/bin/python3 -m django ...
#
# Idempotent: a version whose cache is complete (VERSION, PACKAGES and BYTECODE stamps, Django
# importable) is skipped, so a second run takes well under a second. Concurrent runs serialise on
# a lock file, and a version is unpacked beside its final folder and moved into place when whole.
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"

readonly PYTHON=/usr/bin/python3
readonly PACKAGES=(
  python3-django
  python3-asgiref
  python3-sqlparse
  python3-tz
  python3-django-environ
  python3-decouple
  python3-django-cors-headers
)
# python3-tz: Django 3.2 imports pytz at startup (Debian's python3-django 3.2 depends on it).
CACHE_ROOT="${DJANGO_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/django-oracle}"
readonly CACHE_ROOT

die() { debian_die "$@"; }

suite_for() {
  case "$1" in
    3.2) echo bookworm ;;
    4.2) echo trixie ;;
    5.2) echo sid ;;
    *) die "unknown Django version $1" ;;
  esac
}

dist_packages_of() {
  echo "$CACHE_ROOT/$1/usr/lib/python3/dist-packages"
}

django_version_in() {
  PYTHONPATH="$(dist_packages_of "$1")" "$PYTHON" -s -c 'import django; print(django.get_version())' 2>/dev/null \
    || true
}

# A cache is complete when it has a VERSION stamp, lists every package and Django imports.
is_cached() {
  local target="$CACHE_ROOT/$1" package
  [[ -s "$target/VERSION" && -s "$target/PACKAGES" && -f "$target/BYTECODE" ]] || return 1
  for package in "${PACKAGES[@]}"; do
    grep -q "^$package " "$target/PACKAGES" || return 1
  done
  [[ -n "$(django_version_in "$1")" ]]
}

install_version() {
  local version="$1"
  local target="$CACHE_ROOT/$version"
  if is_cached "$version"; then
    echo "Django $version: cached ($(cat "$target/VERSION")) in $target"
    return 0
  fi
  local suite
  suite="$(suite_for "$version")"
  echo "Django $version: downloading from Debian $suite"
  debian_download "$STATE_ROOT/$suite" "$suite" "$STATE_ROOT/$suite/debs" "${PACKAGES[@]}"
  local staging="$target.partial"
  rm -rf "$staging"
  mkdir -p "$staging"
  debian_unpack "$STATE_ROOT/$suite/debs" "$staging"
  # dpkg -x skips Debian's postinst byte-compilation; without .pyc files every oracle run
  # recompiles Django (about two thirds of its start-up time).
  "$PYTHON" -m compileall -q -j 0 "$staging/usr/lib/python3/dist-packages" >/dev/null \
    || die "byte-compiling $staging failed"
  touch "$staging/BYTECODE"
  rm -rf "$target"
  mv "$staging" "$target"
  local installed
  installed="$(django_version_in "$version")"
  [[ "$installed" == "$version".* ]] \
    || die "Django from $suite is '${installed:-not importable}', expected $version.x"
  echo "$installed" >"$target/VERSION"
  echo "Django $version: installed $installed in $target"
}

main() {
  [[ -x "$PYTHON" ]] || die "$PYTHON not found (Debian's python3 is required)"
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.lock"
  flock 9 || die "cannot lock $CACHE_ROOT/.lock"
  local versions=("$@")
  [[ ${#versions[@]} -gt 0 ]] || versions=(3.2 4.2 5.2)
  local need_mirror=0 v
  for v in "${versions[@]}"; do
    suite_for "$v" >/dev/null
    is_cached "$v" || need_mirror=1
  done
  if [[ $need_mirror -eq 1 ]]; then
    STATE_ROOT="$(mktemp -d)"
    readonly STATE_ROOT
    trap 'rm -rf "$STATE_ROOT"' EXIT
  fi
  for v in "${versions[@]}"; do
    install_version "$v"
  done
  echo "Verification (PYTHONPATH=<cache>/<X.Y>/usr/lib/python3/dist-packages $PYTHON):"
  for v in "${versions[@]}"; do
    local got
    got="$(PYTHONPATH="$(dist_packages_of "$v")" "$PYTHON" -s -c 'import django; print(django.get_version())')" \
      || die "Django $v in $CACHE_ROOT/$v is not importable"
    echo "  $v -> Django $got"
  done
}

main "$@"
