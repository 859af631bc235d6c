#!/usr/bin/env bash
# The Debian packages the templates' acceptance tests (test/acceptance/template-*.test.ts) run the
# templates' `run:` steps with: mypy (with typeshed's stubs) and pytest for the wrapper's checks;
# unzip, jq, perl and python3 for Exegol-resources' own update-resources.sh and the stand-ins of
# its downloads. Installs only what is missing; `--check` only reports (exit 1 if anything is).
set -euo pipefail

CHECK_ONLY=false
[ "${1:-}" = --check ] && CHECK_ONLY=true

# command -> package
declare -A NEEDED=(
  [mypy]=mypy
  [unzip]=unzip
  [jq]=jq
  [perl]=perl
  [python3]=python3
)
missing=()
for tool in "${!NEEDED[@]}"; do command -v "$tool" >/dev/null 2>&1 || missing+=("${NEEDED[$tool]}"); done
python3 -c 'import pytest' >/dev/null 2>&1 || missing+=(python3-pytest)
dpkg -s python3-typeshed >/dev/null 2>&1 || missing+=(python3-typeshed)

if [ ${#missing[@]} -eq 0 ]; then
  echo "» templates: mypy, pytest, unzip, jq, perl, python3 present"
  exit 0
fi
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if $CHECK_ONLY; then
  echo "✗ templates: missing ${packages}" >&2
  exit 1
fi
echo "» installing ${packages}(templates' acceptance tests)"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
"${sudo[@]}" apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends $packages >/dev/null
