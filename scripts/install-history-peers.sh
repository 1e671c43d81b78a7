#!/usr/bin/env bash
# Install gitleaks and TruffleHog from Debian, for `npm run bench:history` to time beside our
# history scan. Nothing is installed system-wide: scripts/lib/debian-packages.sh downloads each
# package with a private apt state (verified with Debian's archive keyring, the mirror read from
# the machine's apt sources) and this script unpacks it into
#   ${HISTORY_PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/history-peers}/<package>/
#
# The benchmark looks for <cache>/<package>/usr/bin/<program> (or the program on PATH).
# Idempotent: a package whose cache is complete (VERSION stamp, program present) is skipped.
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "$0")/lib/debian-packages.sh"

# package:program:suites — the first suite (tried in order) that has the package is used.
readonly PEERS=(
  "gitleaks:gitleaks:trixie sid"
  "trufflehog:trufflehog:trixie sid"
)
CACHE_ROOT="${HISTORY_PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/history-peers}"
readonly CACHE_ROOT

is_cached() {
  local package="$1" program="$2"
  [[ -s "$CACHE_ROOT/$package/VERSION" && -x "$CACHE_ROOT/$package/usr/bin/$program" ]]
}

install_peer() {
  local package="$1" program="$2" suites="$3" target="$CACHE_ROOT/$1"
  if is_cached "$package" "$program"; then
    echo "$package: cached ($(cat "$target/VERSION")) in $target"
    return 0
  fi
  local suite
  for suite in $suites; do
    local state="$STATE_ROOT/$suite" debs="$STATE_ROOT/$suite-$package"
    mkdir -p "$state" "$debs"
    # The first call updates the suite's index and checks its signatures (fatal when they fail).
    debian_apt "$state" "$suite" --version >/dev/null
    # A suite without the package is not an error: the next one is tried.
    if (cd "$debs" && debian_apt "$state" "$suite" download "$package") >"$debs.log" 2>&1; then
      local deb staging="$target.partial"
      deb="$(ls "$debs"/"$package"_*.deb | head -n1)"
      rm -rf "$staging"
      mkdir -p "$staging"
      dpkg -x "$deb" "$staging"
      dpkg-deb --show --showformat='${Version}\n' "$deb" >"$staging/VERSION"
      echo "$suite" >"$staging/SUITE"
      rm -rf "$target"
      mv "$staging" "$target"
      [[ -x "$target/usr/bin/$program" ]] || debian_die "$package from $suite has no usr/bin/$program"
      echo "$package: installed $(cat "$target/VERSION") from Debian $suite in $target"
      return 0
    fi
  done
  echo "$package: not found in Debian ${suites// /, } (skipped; the benchmark leaves it out)" >&2
}

main() {
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.lock"
  flock 9 || debian_die "cannot lock $CACHE_ROOT/.lock"
  STATE_ROOT="$(mktemp -d)"
  readonly STATE_ROOT
  trap 'rm -rf "$STATE_ROOT"' EXIT
  local entry package program suites
  for entry in "${PEERS[@]}"; do
    IFS=: read -r package program suites <<<"$entry"
    install_peer "$package" "$program" "$suites"
  done
}

main "$@"
