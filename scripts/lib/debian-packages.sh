# shellcheck shell=bash
# Sourced by the scripts/install-*.sh scripts: download Debian packages from one suite and unpack
# them into a folder, without installing anything on the machine.
#
# `apt-get update` + `apt-get download` run against a PRIVATE apt state (own sources list, lists
# and cache dirs), so the machine's apt configuration is never altered. The mirror URI is read at
# run time from the machine's apt sources (no host name is written here). Release files are
# verified with Debian's archive keyring (it carries the keys that sign bookworm, trixie and sid);
# nothing weaker is used. Needs root (apt's private state is written as root).

readonly DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

debian_die() {
  echo "${0##*/}: error: $*" >&2
  exit 1
}

# Print the first Debian archive URI (not the security archive) from the apt sources, or
# DDG_DEBIAN_MIRROR when set (a local mirror; the tests point it at a closed port to see what a
# machine without the archive gets).
debian_mirror_uri() {
  if [[ -n "${DDG_DEBIAN_MIRROR:-}" ]]; then
    echo "${DDG_DEBIAN_MIRROR%/}"
    return 0
  fi
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
  [[ -n "$uri" ]] || debian_die "no Debian mirror URI found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "${uri%/}"
}

# debian_apt STATE_DIR SUITE ARGS...: apt-get with the private state of SUITE under STATE_DIR.
# The first call for a state runs `apt-get update` and checks the signatures.
debian_apt() {
  local state="$1" suite="$2"
  shift 2
  [[ $(id -u) -eq 0 ]] || debian_die "must run as root (apt-get with a private state)"
  command -v apt-get >/dev/null || debian_die "apt-get not found: this script needs a Debian system"
  local apt_opts=(
    -o "Dir::Etc::SourceList=$state/sources.list"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::Etc::Preferences=/dev/null"
    -o "Dir::Etc::PreferencesParts=/dev/null"
    -o "Dir::State::Lists=$state/lists"
    -o "Dir::State::Status=$state/status"
    -o "Dir::Cache=$state/cache"
    -o "APT::Sandbox::User=root"
  )
  if [[ ! -f "$state/updated" ]]; then
    mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
    : >"$state/status"
    local mirror
    mirror="$(debian_mirror_uri)" || exit 1
    echo "deb [signed-by=$DEBIAN_KEYRING] $mirror $suite main" >"$state/sources.list"
    apt-get -q "${apt_opts[@]}" update >"$state/update.log" 2>&1 \
      || { cat "$state/update.log" >&2; debian_die "apt-get update failed for suite $suite"; }
    # apt-get update exits 0 when the mirror cannot be reached; nothing can be downloaded then.
    if grep -Eq '^(W|E):.*(Failed to fetch|Could not connect|Temporary failure resolving|Unable to connect)' "$state/update.log"; then
      cat "$state/update.log" >&2
      debian_die "the Debian archive cannot be reached ($mirror, suite $suite)"
    fi
    # apt-get update exits 0 even when a signature cannot be verified; the index then is unused.
    if grep -Eq '^(W|E):.*(NO_PUBKEY|not signed|EXPKEYSIG|BADSIG)' "$state/update.log"; then
      cat "$state/update.log" >&2
      debian_die "signature verification of Debian $suite failed"
    fi
    touch "$state/updated"
  fi
  if [[ "${1:-}" == apt-cache ]]; then
    shift
    apt-cache "${apt_opts[@]}" "$@"
  else
    apt-get -q "${apt_opts[@]}" "$@"
  fi
}

# debian_download STATE_DIR SUITE DEST PACKAGE...: the .deb files of PACKAGEs into DEST.
debian_download() {
  local state="$1" suite="$2" dest="$3"
  shift 3
  mkdir -p "$state" "$dest"
  (cd "$dest" && debian_apt "$state" "$suite" download "$@") >"$state/download.log" 2>&1 \
    || { cat "$state/download.log" >&2; debian_die "apt-get download failed for suite $suite"; }
}

# debian_unpack DEBS_DIR TARGET: `dpkg -x` every .deb into TARGET and list them in TARGET/PACKAGES.
debian_unpack() {
  local debs="$1" target="$2" deb
  mkdir -p "$target"
  for deb in "$debs"/*.deb; do
    dpkg -x "$deb" "$target"
    dpkg-deb --show --showformat='${Package} ${Version}\n' "$deb" >>"$target/PACKAGES"
  done
}
