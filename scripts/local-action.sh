#!/usr/bin/env bash
# Runs one action from its TypeScript sources with @github/local-action (offline: @actions/core
# and @actions/github are replaced by local-action's stubs, inputs come from a .env file).
#
#   scripts/local-action.sh <action> [env-file] [secrets-file]
#   pnpm run local-action <action> [env-file] [secrets-file]
#
# env-file defaults to docs/local-action/<action>.env. secrets-file is a .env file of your own,
# kept out of the repository, with e.g. `INPUT_GITHUB-TOKEN=ghp_…`: it is appended to a private
# temporary copy of env-file. (Inputs with a hyphen cannot come from the shell's environment:
# local-action starts its TypeScript through /bin/sh, and dash drops such variables.)
#
# Why this wrapper: local-action must run from the action's package folder (actions/<action>),
# where `pnpm list` finds the @actions/core it stubs (from the repository root it finds none and
# runs the real one, so no output is recorded); the action path is the public folder with
# action.yml, and the entry point is given relative to it. local-action reads the root
# package.json's packageManager (pnpm) and starts its TypeScript through `pnpm dlx tsx`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: scripts/local-action.sh <action> [env-file] [secrets-file]}
env_file=${2:-$root/docs/local-action/$name.env}
secrets_file=${3:-}
[ -f "$root/$name/action.yml" ] || { echo "no action $name (no $name/action.yml)" >&2; exit 2; }
[ -f "$env_file" ] || { echo "no env file $env_file" >&2; exit 2; }
[ -z "$secrets_file" ] || [ -f "$secrets_file" ] || { echo "no secrets file $secrets_file" >&2; exit 2; }

merged=$(umask 077 && mktemp "${TMPDIR:-/tmp}/local-action-XXXXXX.env")
trap 'rm -f "$merged"' EXIT
cat "$env_file" > "$merged"
if [ -n "$secrets_file" ]; then printf '\n' >> "$merged"; cat "$secrets_file" >> "$merged"; fi

cd "$root/actions/$name"
"$root/node_modules/.bin/local-action" "$root/$name" "../actions/$name/src/main.ts" "$merged"
