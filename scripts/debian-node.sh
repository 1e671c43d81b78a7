#!/usr/bin/env bash
# Node.js 24 from Debian sid, for a machine whose own Node is older than the lowest Node this
# project supports (package.json `engines`), such as Debian bookworm with Node 20:
#   bash scripts/debian-node.sh run npm test     # install when needed, run a command with it
#   bash scripts/debian-node.sh install          # only install; prints the folder holding `node`
# `.ci/run` uses it; nothing is installed on the machine itself.
#
# The packages (nodejs and everything it depends on in sid, found with `apt-cache depends`) are
# downloaded with a private apt state (scripts/lib/debian-packages.sh) and unpacked with `dpkg -x`
# into
#   ${DDG_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/debian-node}/root
# sid's node needs sid's glibc (newer than bookworm's), so the unpacked `node` is pointed at the
# unpacked loader and libraries with patchelf (from sid too, run through that loader): node, and
# every node it starts (process.execPath), then runs without touching the machine's libraries.
# Debian's node also reads some builtins at start-up from /usr/share/nodejs (undici's fetch,
# acorn), so commands run in a private mount namespace (unshare) where the unpacked
# /usr/share/nodejs is overlaid, read-only, on the machine's /usr/share; the machine's file system
# is not changed and every other process sees it as before.
#
# Idempotent: a complete cache (PACKAGES and VERSION stamps, node runs) is kept, so a second run
# takes well under a second. Concurrent runs serialise on a lock file; the tree is unpacked beside
# its final folder and moved into place when whole.
set -euo pipefail
# shellcheck source=lib/debian-packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-packages.sh"

readonly SUITE=sid
readonly MAJOR=24
CACHE="${DDG_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/debian-node}"
readonly CACHE
readonly ROOT="$CACHE/root"
readonly LIBS=usr/lib/x86_64-linux-gnu
readonly LOADER=usr/lib64/ld-linux-x86-64.so.2

# in_namespace TREE COMMAND...: COMMAND with TREE's node first on PATH and its /usr/share/nodejs.
in_namespace() {
  local tree="$1"
  shift
  local namespace=(unshare --mount --propagation private)
  # Without root, a user namespace gives the mount namespace (where the kernel allows it).
  [[ $(id -u) -eq 0 ]] || namespace=(unshare --user --map-root-user --mount --propagation private)
  "${namespace[@]}" bash -c '
    set -euo pipefail
    mount -t overlay overlay -o "lowerdir=/usr/share:$1/usr/share" /usr/share
    export PATH="$1/usr/bin:$PATH"
    shift
    exec "$@"
  ' debian-node "$tree" "$@"
}

node_version_in() {
  in_namespace "$1" node -e 'process.stdout.write(process.versions.node)' 2>/dev/null || true
}

is_cached() {
  [[ -s "$ROOT/VERSION" && -s "$ROOT/PACKAGES" ]] || return 1
  [[ "$(node_version_in "$ROOT")" == "$MAJOR".* ]]
}

install_node() {
  local state
  state="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: the trap outlives this function's locals
  trap "rm -rf '$state'" EXIT
  echo "Node.js $MAJOR: downloading from Debian $SUITE" >&2
  local packages
  packages="$(debian_apt "$state" "$SUITE" apt-cache depends --recurse --no-recommends \
    --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances nodejs patchelf \
    | grep -E '^[a-z0-9]' | sort -u)"
  # shellcheck disable=SC2086 # one package name per word
  debian_download "$state" "$SUITE" "$state/debs" $packages
  local staging="$ROOT.partial"
  rm -rf "$staging"
  debian_unpack "$state/debs" "$staging"
  [[ -x "$staging/$LOADER" && -x "$staging/usr/bin/patchelf" ]] \
    || debian_die "the unpacked packages have no $LOADER or patchelf"
  # DT_RPATH (not RUNPATH) so that libnode's own dependencies are found in the tree too.
  "$staging/$LOADER" --library-path "$staging/$LIBS" "$staging/usr/bin/patchelf" \
    --set-interpreter "$ROOT/$LOADER" --force-rpath --set-rpath "$ROOT/$LIBS" \
    "$staging/usr/bin/node"
  rm -rf "$ROOT"
  mv "$staging" "$ROOT"
  local version
  version="$(node_version_in "$ROOT")"
  [[ "$version" == "$MAJOR".* ]] \
    || debian_die "node from Debian $SUITE is '${version:-not runnable}', expected $MAJOR.x"
  echo "$version" >"$ROOT/VERSION"
  echo "Node.js $MAJOR: installed $version in $ROOT" >&2
}

install() {
  mkdir -p "$CACHE"
  (
    flock 9 || debian_die "cannot lock $CACHE/.lock"
    if is_cached; then
      echo "Node.js $MAJOR: cached ($(cat "$ROOT/VERSION")) in $ROOT" >&2
    else
      install_node
    fi
  ) 9>"$CACHE/.lock"
}

case "${1:-}" in
  install)
    install
    echo "$ROOT/usr/bin"
    ;;
  run)
    shift
    [[ $# -gt 0 ]] || debian_die "usage: ${0##*/} run COMMAND [ARG]..."
    install
    in_namespace "$ROOT" "$@"
    ;;
  *)
    echo "usage: ${0##*/} install | run COMMAND [ARG]..." >&2
    exit 2
    ;;
esac
