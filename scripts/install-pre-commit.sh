#!/usr/bin/env bash
# Install real pre-commit from Debian, one release per supported major version, for the hook test
# (test/precommit/): 2.10 (bullseye), 3.0 (bookworm: what `apt-get install pre-commit` gives on
# the CI image) and 4.2 (trixie). Nothing is installed system-wide: the .debs are downloaded with
# a private apt state (scripts/lib/debian-packages.sh) and unpacked with `dpkg -x` into
#   ${PRE_COMMIT_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/pre-commit}/<suite>/
#
# Run with Debian's /usr/bin/python3 (3.11):
#   PYTHONPATH=<cache>/<suite>/usr/lib/python3/dist-packages /usr/bin/python3 -m pre_commit ...
# pre-commit is pure Python; PyYAML (with its C part) comes from bookworm for every suite, so it
# matches the Python that runs it. virtualenv and nodeenv are left out: a `language: script` hook
# needs neither.
#
# bookworm is required; a suite the mirror no longer carries (bullseye moves to the archive when
# its support ends) is reported and skipped, and the test leaves that version out.
# Idempotent: a suite whose cache is complete (VERSION stamp, pre-commit runs) is skipped.
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"

readonly PYTHON=/usr/bin/python3
readonly REQUIRED_SUITE=bookworm
CACHE_ROOT="${PRE_COMMIT_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/pre-commit}"
readonly CACHE_ROOT

packages_of() {
  case "$1" in
    # pre-commit 2.x reads TOML for its language versions.
    bullseye) echo pre-commit python3-cfgv python3-identify python3-toml ;;
    bookworm | trixie) echo pre-commit python3-cfgv python3-identify ;;
    *) debian_die "unknown suite $1 (bullseye, bookworm or trixie)" ;;
  esac
}

version_in() {
  (cd / && PYTHONPATH="$1/usr/lib/python3/dist-packages" "$PYTHON" -s -m pre_commit --version 2>/dev/null) \
    || return 1
}

is_cached() {
  [[ -s "$CACHE_ROOT/$1/VERSION" ]] && version_in "$CACHE_ROOT/$1" >/dev/null
}

install_suite() {
  local suite="$1" target="$CACHE_ROOT/$1"
  if is_cached "$suite"; then
    echo "pre-commit ($suite): cached ($(cat "$target/VERSION")) in $target"
    return 0
  fi
  echo "pre-commit ($suite): downloading $(packages_of "$suite") from Debian $suite"
  local debs="$STATE_ROOT/debs-$suite"
  # shellcheck disable=SC2046 # the package list is words
  debian_download "$STATE_ROOT/$suite" "$suite" "$debs" $(packages_of "$suite") || return 1
  debian_download "$STATE_ROOT/bookworm" bookworm "$debs" python3-yaml || return 1
  local staging="$target.partial"
  rm -rf "$staging"
  debian_unpack "$debs" "$staging"
  "$PYTHON" -m compileall -q -j 0 "$staging/usr/lib/python3/dist-packages" >/dev/null \
    || debian_die "byte-compiling $staging failed"
  version_in "$staging" >"$staging/VERSION" \
    || debian_die "the pre-commit unpacked from $suite does not run with $PYTHON"
  rm -rf "$target"
  mv "$staging" "$target"
  echo "pre-commit ($suite): installed $(cat "$target/VERSION") in $target"
}

main() {
  [[ -x "$PYTHON" ]] || debian_die "$PYTHON not found (Debian's python3 is required)"
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.lock"
  flock 9 || debian_die "cannot lock $CACHE_ROOT/.lock"
  STATE_ROOT="$(mktemp -d)"
  readonly STATE_ROOT
  trap 'rm -rf "$STATE_ROOT"' EXIT
  local suites=("$@") suite
  [[ ${#suites[@]} -gt 0 ]] || suites=(bullseye bookworm trixie)
  for suite in "${suites[@]}"; do
    packages_of "$suite" >/dev/null
    if [[ "$suite" == "$REQUIRED_SUITE" ]]; then
      install_suite "$suite"
    # A subshell: debian_die exits it, not this script.
    elif ! (install_suite "$suite"); then
      echo "pre-commit ($suite): not available from the mirror (skipped; the test leaves it out)" >&2
    fi
  done
}

main "$@"
