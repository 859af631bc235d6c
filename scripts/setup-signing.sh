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

# shellcheck source=scripts/apt-missing.sh
source "$(dirname "$0")/apt-missing.sh"
apt_missing signing "tag signing tests" "gpg and OpenSSH's agent tools present" ${missing[@]+"${missing[@]}"}
