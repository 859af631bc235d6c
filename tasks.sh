#!/usr/bin/env bash
# Set-up and entry points, for a fresh machine as for CI. Installs what it needs from the npm
# registry (pnpm, the workspace with Node 24) and, through scripts/setup-*.sh, the Debian packages
# the tests run.
#
#   ./tasks.sh rehearsal [args]   the offline rehearsal of a release (the main job)
#   ./tasks.sh test               every check and test, as CI runs them
#   ./tasks.sh bench              the benchmarks, written to bench/RESULTS.md
set -euo pipefail
cd "$(dirname "$0")"

PNPM_VERSION=10.34.9

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
    echo "» installing pnpm $PNPM_VERSION"
    npm install --global --no-audit --no-fund "pnpm@$PNPM_VERSION" >/dev/null
  fi
  echo "» installing the workspace (pnpm install --frozen-lockfile)"
  pnpm install --frozen-lockfile --reporter=silent
}

cmd=${1:-}
shift || true
case "$cmd" in
  rehearsal)
    ensure_pnpm
    pnpm run --silent rehearsal "$@"
    ;;
  test)
    ensure_pnpm
    # Debian's packages the tests run, each from its own scripts/setup-*.sh (the test set-up only
    # checks for them). Tag signing: gpg and OpenSSH's agent tools.
    scripts/setup-signing.sh
    # The Docker image tests need the engine, QEMU and a registry; under CI they must run, so a
    # failed set-up fails here. On a developer machine the image tests skip with a banner instead.
    if [ -x scripts/setup-docker.sh ]; then
      scripts/setup-docker.sh || { [ "${CI:-}" != true ] || exit 1; echo "» Docker set-up failed: the image tests will skip (they cannot under CI=true)" >&2; }
    fi
    # The templates' acceptance tests run their steps with Debian's mypy, pytest, unzip and jq.
    scripts/setup-templates.sh
    pnpm run --silent check
    ;;
  bench)
    ensure_pnpm
    pnpm run --silent bench "$@"
    ;;
  *)
    echo "usage: ./tasks.sh rehearsal|test|bench" >&2
    exit 2
    ;;
esac
