#!/usr/bin/env bash
# Headless Chromium from Debian for scripts/render-screenshots.ts, without installing it:
#   bash scripts/debian-chromium.sh     # prints a command that runs Chromium
# `chromium` on PATH (or $CHROMIUM) is used as it is. Otherwise the packages Chromium and the emoji
# font need beyond what the machine has (as `apt-get install --dry-run` lists them from the
# machine's own apt lists) are downloaded with `apt-get download` and unpacked with `dpkg -x` into
#   ${DDG_CHROMIUM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/chromium}/
# next to a small wrapper that points Chromium at the unpacked libraries and fonts. The packages
# come from the machine's own Debian release, so its libraries fit the machine's.
set -euo pipefail

if [[ -n "${CHROMIUM:-}" ]]; then
  echo "$CHROMIUM"
  exit 0
fi
if command -v chromium >/dev/null; then
  command -v chromium
  exit 0
fi

CACHE="${DDG_CHROMIUM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/django-deploy-guard/chromium}"
readonly CACHE
readonly WRAPPER="$CACHE/chromium"
readonly PACKAGES=(chromium fonts-noto-color-emoji)

die() {
  echo "debian-chromium: error: $*" >&2
  exit 1
}

install() {
  command -v apt-get >/dev/null || die "apt-get not found: install Chromium and set CHROMIUM"
  local missing
  missing="$(apt-get install --dry-run --no-install-recommends "${PACKAGES[@]}" 2>/dev/null \
    | awk '/^Inst /{print $2}')"
  [[ -n "$missing" ]] || die "apt-get lists no package to fetch for ${PACKAGES[*]}"
  local debs
  debs="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now
  trap "rm -rf '$debs'" EXIT
  # shellcheck disable=SC2086 # one package name per word
  (cd "$debs" && apt-get download -q $missing) >&2 || die "apt-get download failed"
  local staging="$CACHE.partial"
  rm -rf "$staging"
  mkdir -p "$staging/root"
  local deb
  for deb in "$debs"/*.deb; do dpkg -x "$deb" "$staging/root"; done
  cat >"$staging/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$CACHE/root/usr/share/fonts</dir>
  <cachedir>$CACHE/fontconfig</cachedir>
</fontconfig>
CONF
  cat >"$staging/chromium" <<WRAP
#!/usr/bin/env bash
export FONTCONFIG_FILE="$CACHE/fonts.conf"
export LD_LIBRARY_PATH="$CACHE/root/usr/lib/x86_64-linux-gnu:$CACHE/root/usr/lib/x86_64-linux-gnu/pulseaudio\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
exec "$CACHE/root/usr/lib/chromium/chromium" "\$@"
WRAP
  chmod +x "$staging/chromium"
  rm -rf "$CACHE"
  mv "$staging" "$CACHE"
}

mkdir -p "$(dirname "$CACHE")"
exec 9>"$CACHE.lock"
flock 9 || die "cannot lock $CACHE.lock"
if [[ ! -x "$WRAPPER" ]] || ! "$WRAPPER" --version >/dev/null 2>&1; then
  echo "debian-chromium: fetching ${PACKAGES[*]} and what they need" >&2
  install
fi
"$WRAPPER" --version >&2 || die "the unpacked Chromium does not run"
echo "$WRAPPER"
