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

# shellcheck source=scripts/apt-missing.sh
source "$(dirname "$0")/apt-missing.sh"
apt_missing templates "templates' acceptance tests" "mypy, pytest, unzip, jq, perl, python3 present" ${missing[@]+"${missing[@]}"}
