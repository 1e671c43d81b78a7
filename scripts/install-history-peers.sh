#!/usr/bin/env bash
# Install gitleaks and TruffleHog from Debian, for `npm run bench:history` to time beside our
# history scan. Nothing is installed system-wide: for each package we run `apt-get update` +
# `apt-get download` against a PRIVATE apt state (own sources list, lists and cache dirs), so the
# machine's apt configuration is never altered, then unpack the .deb with `dpkg -x` into
#   ${HISTORY_PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/history-peers}/<package>/
# The mirror URI is read at run time from the machine's apt sources (no host name is written
# here). Release files are verified with Debian's archive keyring.
#
# The benchmark looks for <cache>/<package>/usr/bin/<program> (or the program on PATH).
# Idempotent: a package whose cache is complete (VERSION stamp, program runs) is skipped.
set -euo pipefail

readonly KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# package:program:suite — the first suite (tried in order) that has the package is used.
readonly PEERS=(
  "gitleaks:gitleaks:trixie sid"
  "trufflehog:trufflehog:trixie sid"
)
CACHE_ROOT="${HISTORY_PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/history-peers}"
readonly CACHE_ROOT

die() {
  echo "install-history-peers: error: $*" >&2
  exit 1
}

# Print the first Debian archive URI (not the security archive) from the apt sources.
read_mirror_uri() {
  local uri=""
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    uri="$(awk '
      BEGIN { IGNORECASE = 1 }
      /^[[:space:]]*$/ { if (isdeb && u != "") { print u; exit } isdeb = 0; u = ""; next }
      /^Types:/ { if ($0 ~ /(^|[[:space:]])deb([[:space:]]|$)/) isdeb = 1 }
      /^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /-security\/?$/ && u == "") u = $i }
      END { if (isdeb && u != "") print u }
    ' "$f" | head -n1)"
    [[ -n "$uri" ]] && break
  done
  if [[ -z "$uri" ]]; then
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [[ -f "$f" ]] || continue
      uri="$(sed -E -n 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' "$f" \
        | grep -v -- '-security/\?$' | head -n1 || true)"
      [[ -n "$uri" ]] && break
    done
  fi
  [[ -n "$uri" ]] || die "no Debian mirror URI found in the apt sources"
  echo "${uri%/}"
}

is_cached() {
  local package="$1" program="$2"
  [[ -s "$CACHE_ROOT/$package/VERSION" && -x "$CACHE_ROOT/$package/usr/bin/$program" ]]
}

# Private apt state for one suite, updated once per run.
prepare_suite() {
  local suite="$1" state="$STATE_ROOT/$1"
  [[ -f "$state/updated" ]] && return 0
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/debs"
  echo "deb [signed-by=$KEYRING] $MIRROR $suite main" >"$state/sources.list"
  apt-get -q $(apt_opts "$suite") update >"$state/update.log" 2>&1 \
    || { cat "$state/update.log" >&2; die "apt-get update failed for suite $suite"; }
  if grep -Eq '^(W|E):.*(NO_PUBKEY|not signed|EXPKEYSIG|BADSIG)' "$state/update.log"; then
    cat "$state/update.log" >&2
    die "signature verification of Debian $suite failed"
  fi
  touch "$state/updated"
}

apt_opts() {
  local state="$STATE_ROOT/$1"
  echo "-o Dir::Etc::SourceList=$state/sources.list -o Dir::Etc::SourceParts=/dev/null" \
    "-o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null" \
    "-o Dir::State::Lists=$state/lists -o Dir::Cache=$state/cache -o APT::Sandbox::User=root"
}

install_peer() {
  local package="$1" program="$2" suites="$3" target="$CACHE_ROOT/$1"
  if is_cached "$package" "$program"; then
    echo "$package: cached ($(cat "$target/VERSION")) in $target"
    return 0
  fi
  local suite
  for suite in $suites; do
    prepare_suite "$suite"
    local state="$STATE_ROOT/$suite"
    # shellcheck disable=SC2046
    if (cd "$state/debs" && apt-get -q $(apt_opts "$suite") download "$package") >"$state/$package.log" 2>&1; then
      local deb staging="$target.partial"
      deb="$(ls "$state"/debs/"$package"_*.deb | head -n1)"
      rm -rf "$staging"
      mkdir -p "$staging"
      dpkg -x "$deb" "$staging"
      dpkg-deb --show --showformat='${Version}\n' "$deb" >"$staging/VERSION"
      echo "$suite" >"$staging/SUITE"
      rm -rf "$target"
      mv "$staging" "$target"
      [[ -x "$target/usr/bin/$program" ]] || die "$package from $suite has no usr/bin/$program"
      echo "$package: installed $(cat "$target/VERSION") from Debian $suite in $target"
      return 0
    fi
  done
  echo "$package: not found in Debian ${suites// /, } (skipped; the benchmark leaves it out)" >&2
}

main() {
  command -v apt-get >/dev/null || die "apt-get not found: this script needs a Debian system"
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.lock"
  flock 9 || die "cannot lock $CACHE_ROOT/.lock"
  local entry need_mirror=0
  for entry in "${PEERS[@]}"; do
    IFS=: read -r package program _ <<<"$entry"
    is_cached "$package" "$program" || need_mirror=1
  done
  if [[ $need_mirror -eq 1 ]]; then
    [[ $(id -u) -eq 0 ]] || die "must run as root (apt-get download with a private state)"
    STATE_ROOT="$(mktemp -d)"
    readonly STATE_ROOT
    trap 'rm -rf "$STATE_ROOT"' EXIT
    MIRROR="$(read_mirror_uri)"
    readonly MIRROR
  fi
  for entry in "${PEERS[@]}"; do
    IFS=: read -r package program suites <<<"$entry"
    install_peer "$package" "$program" "$suites"
  done
}

main "$@"
