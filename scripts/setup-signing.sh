#!/usr/bin/env bash
# The Debian packages the tag signing tests use: tags are signed with real keys, so gpg (with its
# agent) and OpenSSH's ssh-keygen, ssh-agent and ssh-add must exist. GitHub's runners have them;
# a bare Debian image may not. Installs only what is missing; `--check` only reports (exit 1 if
# anything is). The end-to-end tests' global set-up runs the check and names this script.
set -euo pipefail

CHECK_ONLY=false
[ "${1:-}" = --check ] && CHECK_ONLY=true

missing=()
for tool in gpg gpg-agent gpgconf gpg-connect-agent; do command -v "$tool" >/dev/null 2>&1 || missing+=(gnupg); done
for tool in ssh-keygen ssh-agent ssh-add; do command -v "$tool" >/dev/null 2>&1 || missing+=(openssh-client); done

if [ ${#missing[@]} -eq 0 ]; then
  $CHECK_ONLY || echo "» signing: gpg and OpenSSH's agent tools present"
  exit 0
fi
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if $CHECK_ONLY; then
  echo "✗ signing: missing ${packages}" >&2
  exit 1
fi
echo "» installing ${packages}(tag signing tests)"
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
"${sudo[@]}" apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends $packages >/dev/null
