#!/usr/bin/env bash
# Install real Django 3.2, 4.2 and 5.2 from Debian as the differential-test oracle.
#
# All three versions come the same way (uniform, no system-wide install):
#   3.2 <- bookworm, 4.2 <- trixie, 5.2 <- sid.
# For each suite we run `apt-get update` + `apt-get download` against a PRIVATE apt state
# (own sources list, lists and cache dirs) so the machine's apt configuration is never altered,
# then unpack the .debs with `dpkg -x` into
#   ${DJANGO_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/django-oracle}/<X.Y>/
# The mirror URI is read at run time from the machine's apt sources (no host name is written here).
# Release files are verified with Debian's archive keyring (it carries the keys that sign
# bookworm, trixie and sid); nothing weaker is used.
#
# Run with Debian's /usr/bin/python3 (3.11):
#   PYTHONPATH=<cache>/<X.Y>/usr/lib/python3/dist-packages /usr/bin/python3 -m django ...
#
# Idempotent: a version whose cache is complete (VERSION, PACKAGES and BYTECODE stamps, Django
# importable) is skipped, so a second run takes well under a second. Concurrent runs serialise on
# a lock file, and a version is unpacked beside its final folder and moved into place when whole.
set -euo pipefail

readonly PYTHON=/usr/bin/python3
readonly KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
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

die() {
  echo "install-django-oracle: error: $*" >&2
  exit 1
}

suite_for() {
  case "$1" in
    3.2) echo bookworm ;;
    4.2) echo trixie ;;
    5.2) echo sid ;;
    *) die "unknown Django version $1" ;;
  esac
}

# Print the first Debian archive URI (not the security archive) from the apt sources.
read_mirror_uri() {
  local uri=""
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    # deb822: take URIs of stanzas of Types: deb whose URI does not end in -security.
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
      # one-line format: deb [options] URI suite components
      uri="$(sed -E -n 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' "$f" \
        | grep -v -- '-security/\?$' | head -n1 || true)"
      [[ -n "$uri" ]] && break
    done
  fi
  [[ -n "$uri" ]] || die "no Debian mirror URI found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "${uri%/}"
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
  local state="$STATE_ROOT/$suite"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/debs"
  echo "deb [signed-by=$KEYRING] $MIRROR $suite main" >"$state/sources.list"
  local apt_opts=(
    -o "Dir::Etc::SourceList=$state/sources.list"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::Etc::Preferences=/dev/null"
    -o "Dir::Etc::PreferencesParts=/dev/null"
    -o "Dir::State::Lists=$state/lists"
    -o "Dir::Cache=$state/cache"
    -o "APT::Sandbox::User=root"
  )
  echo "Django $version: downloading from Debian $suite"
  apt-get -q "${apt_opts[@]}" update >"$state/update.log" 2>&1 \
    || { cat "$state/update.log" >&2; die "apt-get update failed for suite $suite"; }
  # apt-get update exits 0 even when a signature cannot be verified; the index then is unused.
  if grep -Eq '^(W|E):.*(NO_PUBKEY|not signed|EXPKEYSIG|BADSIG)' "$state/update.log"; then
    cat "$state/update.log" >&2
    die "signature verification of Debian $suite failed"
  fi
  (cd "$state/debs" && apt-get -q "${apt_opts[@]}" download "${PACKAGES[@]}") >"$state/download.log" 2>&1 \
    || { cat "$state/download.log" >&2; die "apt-get download failed for suite $suite"; }
  local staging="$target.partial"
  rm -rf "$staging"
  mkdir -p "$staging"
  local deb
  for deb in "$state"/debs/*.deb; do
    dpkg -x "$deb" "$staging"
    dpkg-deb --show --showformat='${Package} ${Version}\n' "$deb" >>"$staging/PACKAGES"
  done
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
  command -v apt-get >/dev/null || die "apt-get not found: this script needs a Debian system"
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
    [[ $(id -u) -eq 0 ]] || die "must run as root (apt-get download with a private state)"
    MIRROR="$(read_mirror_uri)"
    readonly MIRROR
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
