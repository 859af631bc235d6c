#!/usr/bin/env bash
# Runs one action from its TypeScript sources with @github/local-action (offline: @actions/core
# and @actions/github are replaced by local-action's stubs, inputs come from a .env file).
#
#   scripts/local-action.sh <action> [env-file]     (default: docs/local-action/<action>.env)
#   pnpm run local-action <action> [env-file]
#
# Why this wrapper: local-action must run from the action's package folder (actions/<action>),
# where `pnpm list` finds the @actions/core it stubs (from the repository root it finds none and
# runs the real one, so no output is recorded); the action path is the public folder with
# action.yml, and the entry point is given relative to it. local-action reads the root
# package.json's packageManager (pnpm) and starts its TypeScript through `pnpm dlx tsx`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: scripts/local-action.sh <action> [env-file]}
env_file=${2:-$root/docs/local-action/$name.env}
[ -f "$root/$name/action.yml" ] || { echo "no action $name (no $name/action.yml)" >&2; exit 2; }
[ -f "$env_file" ] || { echo "no env file $env_file" >&2; exit 2; }
env_file=$(cd "$(dirname "$env_file")" && pwd)/$(basename "$env_file")
cd "$root/actions/$name"
exec "$root/node_modules/.bin/local-action" "$root/$name" "../actions/$name/src/main.ts" "$env_file"
