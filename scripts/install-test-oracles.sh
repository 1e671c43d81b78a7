#!/usr/bin/env bash
# Install every oracle the tests compare with, from Debian, into the caches of the scripts below
# (~/.cache/django-deploy-guard/…, never on the machine itself). The one set-up step of both
# `npm test` (vitest's globalSetup, test/support/oracles.setup.ts) and `.ci/run`:
#
#   group       script                        tests                       first download
#   django      install-django-oracle.sh      test/parity, .env oracles   Django 3.2/4.2/5.2 (~9 MB)
#   env         install-env-oracle.sh         test/dotenv/dotenv-oracle   python-dotenv, docker compose (~14 MB)
#   pre-commit  install-pre-commit.sh         test/precommit              pre-commit 2.x/3.x/4.x (~1 MB)
#
# Each group prints progress lines and is cached: a second run only checks the caches (seconds).
#
#   bash scripts/install-test-oracles.sh [--require] [--status-file FILE] [GROUP...]
#
# Without --require, a group that cannot be installed (the Debian archive unreachable, not root,
# not a Debian machine) is reported with its reason and the script carries on: the status file
# (one line per group: `GROUP<TAB>ok` or `GROUP<TAB>unavailable<TAB>REASON`) tells the tests to
# skip that group and say why. With --require (CI), it is an error (exit 1).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

require=0
status_file=""
groups=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --require) require=1 ;;
    --status-file)
      status_file="${2:?--status-file needs a FILE}"
      shift
      ;;
    -h | --help)
      sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "${0##*/}: unknown option $1" >&2
      exit 2
      ;;
    *) groups+=("$1") ;;
  esac
  shift
done
[[ ${#groups[@]} -gt 0 ]] || groups=(django env pre-commit)

script_of() {
  case "$1" in
    django) echo install-django-oracle.sh ;;
    env) echo install-env-oracle.sh ;;
    pre-commit) echo install-pre-commit.sh ;;
    *)
      echo "${0##*/}: unknown group $1 (django, env, pre-commit)" >&2
      exit 2
      ;;
  esac
}
for group in "${groups[@]}"; do script_of "$group" >/dev/null; done

[[ -z "$status_file" ]] || : >"$status_file"
failed=0
index=0
for group in "${groups[@]}"; do
  index=$((index + 1))
  script="$(script_of "$group")"
  echo "oracles [$index/${#groups[@]}] $group: scripts/$script"
  started=$SECONDS
  log="$(mktemp)"
  # Progress lines as they come, and a copy to take the reason from.
  bash "$here/$script" 2>&1 | tee "$log" | sed 's/^/  /'
  code=${PIPESTATUS[0]}
  if [[ $code -eq 0 ]]; then
    echo "oracles [$index/${#groups[@]}] $group: ready ($((SECONDS - started)) s)"
    [[ -z "$status_file" ]] || printf '%s\tok\n' "$group" >>"$status_file"
  else
    # The installers say `script: error: WHY`; the machine-level causes come first, as the
    # reason that the later `download failed` lines follow from.
    reason="$(grep -E 'error: (the Debian archive|must run as root|apt-get not found|/usr/bin/python3 not found)' "$log" | tail -n1 \
      || grep -E 'error: ' "$log" | tail -n1)"
    reason="$(sed -E 's/^[^:]*: error: //' <<<"$reason")"
    [[ -n "$reason" ]] || reason="scripts/$script exited with $code"
    echo "oracles [$index/${#groups[@]}] $group: UNAVAILABLE: $reason"
    [[ -z "$status_file" ]] || printf '%s\tunavailable\t%s\n' "$group" "$reason" >>"$status_file"
    failed=1
  fi
  rm -f "$log"
done

if [[ $failed -eq 1 && $require -eq 1 ]]; then
  echo "${0##*/}: error: an oracle could not be installed (--require)" >&2
  exit 1
fi
exit 0
