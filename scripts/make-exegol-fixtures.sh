#!/usr/bin/env bash
# Cuts compact git bundles of Exegol's four public repositories for the acceptance tests
# (test/fixtures/exegol/README.md says what each keeps and why).
#
# Runs only where snapshots of the repositories exist (the session's `fetch` tool puts them under
# /work/.mirror/ThePorgs+<name>/repo); CI never runs it, it reads the committed bundles.
#
#   scripts/make-exegol-fixtures.sh [mirror-root] [out-dir]
#
# How: a scratch repository borrows the snapshot's objects (alternates, so no blob is read that
# the kept history does not need: snapshots lack a few large blobs), takes the refs to keep,
# grafts the history at a cut commit (git replace --graft: parents older than the cut are
# dropped, so the bundle needs no prerequisite), and git filter-branch makes the grafts and an
# index filter permanent. The index filter only edits the index (never reads blob contents).
# Rewriting changes every commit id and drops the commits' own signatures (a signature cannot
# survive a rewrite); filter-branch re-creates annotated tags with the same name, tagger, date and
# message (the SSH signatures Exegol's tags carry are part of the message and stay, no longer
# valid). Each bundle's map file lists
# `<upstream commit> <fixture commit>` for every commit kept.
set -euo pipefail

MIRRORS=${1:-/work/.mirror}
OUT=${2:-$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/exegol}
mkdir -p "$OUT"
export FILTER_BRANCH_SQUELCH_WARNING=1
# Reproducible tag objects and commit objects are taken from the originals; only the scratch
# repository's own identity is needed for git to run.
export GIT_CONFIG_NOSYSTEM=1 HOME=$(mktemp -d)
git config --global user.name fixtures
git config --global user.email fixtures@example.invalid

# cut <name> <mirror> <cut-commit> <index-filter> <ref>...
# Keeps the refs given (full names; their upstream values), all history reachable from them that
# is not older than <cut-commit> (commits whose parents are all older become roots).
cut_repo() {
  local name=$1 mirror=$2 cutc=$3 filter=$4
  shift 4
  local refs=("$@")
  local work
  work=$(mktemp -d)
  git init --quiet --bare "$work/repo.git"
  local repo=$work/repo.git
  echo "$mirror/objects" >"$repo/objects/info/alternates"
  local ref
  # The bundle's HEAD names the first ref, the repository's default branch.
  git -C "$repo" symbolic-ref HEAD "${refs[0]}"
  for ref in "${refs[@]}"; do
    git -C "$repo" update-ref "$ref" "$(git -C "$mirror" rev-parse "$ref")"
  done
  # Commits kept: reachable from the refs, not reachable from the cut's parents.
  git -C "$repo" rev-list --parents "${refs[@]}" --not $(git -C "$repo" rev-parse "$cutc^@") >"$work/kept"
  local -A kept=()
  local c p parents keep
  while read -r c _; do kept[$c]=1; done <"$work/kept"
  while read -r c parents; do
    keep=()
    for p in $parents; do
      if [ -n "${kept[$p]:-}" ]; then keep+=("$p"); fi
    done
    if [ "${#keep[@]}" -ne "$(wc -w <<<"$parents")" ]; then
      git -C "$repo" replace --graft "$c" "${keep[@]}"
    fi
  done <"$work/kept"
  : >"$work/map"
  git -C "$repo" filter-branch \
    --index-filter "$filter" \
    --commit-filter 'n=$(git commit-tree "$@") && echo "$GIT_COMMIT $n" >>'"$work/map"' && echo "$n"' \
    --tag-name-filter cat \
    -- --branches --tags >/dev/null 2>"$work/filter.log" || { cat "$work/filter.log" >&2; exit 1; }
  git -C "$repo" for-each-ref --format='delete %(refname)' refs/replace refs/original | git -C "$repo" update-ref --stdin
  rm -f "$OUT/$name.bundle"
  git -C "$repo" bundle create --quiet "$OUT/$name.bundle" HEAD --branches --tags
  sort "$work/map" >"$OUT/$name.map"
  # The bundle must stand alone: clone it with no alternates and check every object.
  git clone --quiet --bare "$OUT/$name.bundle" "$work/check.git"
  git -C "$work/check.git" fsck --strict --no-dangling
  echo "$name: $(wc -l <"$OUT/$name.map") commits, $(git -C "$work/check.git" tag | wc -l) tags, $(du -k "$OUT/$name.bundle" | cut -f1) KiB"
  rm -rf "$work"
}

# An index filter keeping only the paths matching an extended regular expression (and gitlinks,
# mode 160000, when keep_gitlinks=1).
keep_only() {
  local regex=$1 gitlinks=${2:-0}
  cat <<EOF
git ls-files -s -z | KEEP_RE='$regex' KEEP_GITLINKS=$gitlinks perl -0ne 'chomp; my (\$m, \$p) = split /\\t/, \$_, 2; print "\$_\\0" if \$p =~ /\$ENV{KEEP_RE}/ || (\$ENV{KEEP_GITLINKS} && \$m =~ /^160000 /)' >"\$GIT_INDEX_FILE.keep"
git read-tree --empty
git update-index -z --index-info <"\$GIT_INDEX_FILE.keep"
rm -f "\$GIT_INDEX_FILE.keep"
EOF
}

# Wrapper: from the 4.3.7 release merge (tag 4.3.7) to 5.1.4 (master and dev), every path kept:
# nothing after 4.3.7 is large, and the submodule gitlinks and .gitmodules are part of the tree.
# Not from 4.3.8: dev was not fast-forwarded after 4.3.8, so the 4.3.9 betas descend from 4.3.7
# and not from 4.3.8 (git describe on them says 4.3.7, as upstream).
W=$MIRRORS/ThePorgs+Exegol/repo
cut_repo wrapper "$W" 4.3.7^{commit} 'true' \
  refs/heads/master refs/heads/dev \
  $(git -C "$W" for-each-ref --format='%(refname)' refs/tags | grep -E '/(4\.3\.([7-9]|1[0-9])|5\.[0-9]+\.[0-9]+)$')

# Images: from main at 3.1.14 (the merge of PR #679) to main (tag 3.1.15) and dev; the install
# scripts' binary assets and the build's downloaded archives dropped, the rest (Dockerfiles at
# the root, .github, sources/install/*.sh) kept.
I=$MIRRORS/ThePorgs+Exegol-images/repo
cut_repo images "$I" 24e54a67 'git rm -r --cached --quiet --ignore-unmatch sources/assets' \
  refs/heads/main refs/heads/dev refs/tags/3.1.14 refs/tags/3.1.15

# Docs: from the parent of the first `PIPELINE: tools list` commit under
# docs/src/public/installed_tools (1005c3f, 2025-07-21: the VitePress era) to main and dev, so
# that every one of them has its parent; only the tools and resources lists and package.json
# kept (the site's pages and images are not what the actions touch).
D=$MIRRORS/ThePorgs+Exegol-docs/repo
cut_repo docs "$D" 723d7b3 "$(keep_only '^(docs/src/public/(installed_tools|exegol_resources)/|package\.json$)')" \
  refs/heads/main refs/heads/dev

# Resources: from the January 2026 update to main; only the list, the update script, the
# workflows, .gitmodules and the submodule gitlinks kept (the ~550 downloaded files dropped: they
# are binaries up to 4 MB each and some are missing from the snapshot).
R=$MIRRORS/ThePorgs+Exegol-resources/repo
cut_repo resources "$R" 577ec61 "$(keep_only '^(resources_list\.csv|update-resources\.sh|\.gitmodules|README\.md|LICENSE|\.github/)' 1)" \
  refs/heads/main

du -ch "$OUT"/*.bundle | tail -1
