// The double keeps no refs of its own: refs, tags and commits are read from and written to a
// real bare repository with git, so what the API reports is what `git` sees, both ways.
import type { RunResult } from '@exegol-actions/core/exec';
import { Git } from '@exegol-actions/core/git';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface GitIdentity {
  name: string;
  email: string;
}

export interface RefEntry {
  /** Full name, e.g. `refs/heads/main`. */
  ref: string;
  sha: string;
  type: 'commit' | 'tag' | 'tree' | 'blob';
  /** For an annotated tag, the commit it points to. */
  peeled: string | null;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: GitIdentity & { date: string };
  committer: GitIdentity & { date: string };
  message: string;
}

export interface TagInfo {
  sha: string;
  tag: string;
  object: string;
  type: string;
  tagger: (GitIdentity & { date: string }) | null;
  message: string;
}

// Unit and record separators: they cannot occur in names, emails or commit messages git accepts.
const US = '\x1f';
const RS = '\x1e';
const COMMIT_FORMAT = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x1f') + '%x1e';

export class BareRepo {
  private readonly repo: Git;

  constructor(readonly gitDir: string) {
    this.repo = Git.at(gitDir);
  }

  private git(
    args: string[],
    options: { input?: string; env?: Record<string, string>; allowFailure?: boolean } = {},
  ): Promise<RunResult> {
    return this.repo.raw(args, options);
  }

  async listRefs(): Promise<RefEntry[]> {
    const out = await this.git([
      'for-each-ref',
      `--format=%(refname)${US}%(objectname)${US}%(objecttype)${US}%(*objectname)`,
    ]);
    return out.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref, sha, type, peeled] = line.split(US) as [string, string, RefEntry['type'], string];
        return { ref, sha, type, peeled: peeled || null };
      });
  }

  async getRef(ref: string): Promise<RefEntry | undefined> {
    return (await this.listRefs()).find((r) => r.ref === ref);
  }

  /** The commit a revision (sha, branch, tag, `refs/...`) names, or null. */
  async resolveCommit(rev: string): Promise<string | null> {
    if (!isSafeRevision(rev)) return null;
    const res = await this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
      allowFailure: true,
    });
    return res.code === 0 ? res.stdout.trim() : null;
  }

  async objectType(sha: string): Promise<string | null> {
    if (!/^[0-9a-f]{4,64}$/i.test(sha)) return null;
    const res = await this.git(['cat-file', '-t', sha], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }

  async isValidRefName(ref: string): Promise<boolean> {
    return (await this.git(['check-ref-format', ref], { allowFailure: true })).code === 0;
  }

  /** Sets a ref only if it still has `expected` (null: only if it does not exist yet), atomically. */
  async setRef(ref: string, sha: string, expected: string | null): Promise<void> {
    await this.git(['update-ref', ref, sha, expected ?? '']);
  }

  /** Sets a ref whatever it held (refs only the double writes, like `refs/pull/N/head`). */
  async forceRef(ref: string, sha: string): Promise<void> {
    await this.git(['update-ref', ref, sha]);
  }

  async deleteRef(ref: string, expected: string): Promise<void> {
    await this.git(['update-ref', '-d', ref, expected]);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const res = await this.git(['merge-base', '--is-ancestor', ancestor, descendant], { allowFailure: true });
    return res.code === 0;
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const res = await this.git(['merge-base', a, b], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }

  async aheadBehind(base: string, head: string): Promise<{ ahead: number; behind: number }> {
    const out = (await this.git(['rev-list', '--left-right', '--count', `${base}...${head}`])).stdout.trim();
    const [behind, ahead] = out.split(/\s+/).map(Number) as [number, number];
    return { ahead, behind };
  }

  /** Commits newest first, as `git log` lists them. */
  async log(
    range: string[],
    { max, firstParent = false }: { max?: number; firstParent?: boolean } = {},
  ): Promise<CommitInfo[]> {
    const args = ['log', `--format=${COMMIT_FORMAT}`];
    if (max !== undefined) args.push(`--max-count=${max}`);
    if (firstParent) args.push('--first-parent');
    const out = await this.git([...args, ...range, '--']);
    return out.stdout
      .split(RS)
      .map((r) => r.replace(/^\n/, ''))
      .filter(Boolean)
      .map(parseCommit);
  }

  async commit(sha: string): Promise<CommitInfo> {
    const [commit] = await this.log(['--no-walk', sha], { max: 1 });
    if (!commit) throw new Error(`no commit ${sha} in ${this.gitDir}`);
    return commit;
  }

  async tag(sha: string): Promise<TagInfo | null> {
    if ((await this.objectType(sha)) !== 'tag') return null;
    const raw = (await this.git(['cat-file', 'tag', sha])).stdout;
    const split = raw.indexOf('\n\n');
    const header = split === -1 ? raw : raw.slice(0, split);
    const fields = new Map(header.split('\n').map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
    const message = split === -1 ? '' : raw.slice(split + 2);
    return {
      sha,
      tag: fields.get('tag') ?? '',
      object: fields.get('object') ?? '',
      type: fields.get('type') ?? '',
      tagger: fields.has('tagger') ? parseIdentityLine(fields.get('tagger')!) : null,
      // A signature is part of the message as git stores it; GitHub shows the text without it.
      message: message.replace(/-----BEGIN (PGP|SSH) SIGNATURE-----[\s\S]*$/, ''),
    };
  }

  /** Writes an annotated tag object (not a ref) and returns its sha. */
  async makeTag(
    tag: string,
    object: string,
    type: string,
    tagger: GitIdentity,
    date: Date,
    message: string,
  ): Promise<string> {
    const text = `object ${object}\ntype ${type}\ntag ${tag}\ntagger ${tagger.name} <${tagger.email}> ${gitDate(date)}\n\n${message.endsWith('\n') ? message : `${message}\n`}`;
    return (await this.git(['mktag'], { input: text })).stdout.trim();
  }

  /**
   * A three-way merge without a work tree; null on conflicts. A squash keeps the merged tree
   * with `ours` as the only parent.
   */
  async mergeCommit(
    ours: string,
    theirs: string,
    message: string,
    author: GitIdentity,
    committer: GitIdentity,
    { squash = false }: { squash?: boolean } = {},
  ): Promise<string | null> {
    const merged = await this.git(['merge-tree', '--write-tree', '--no-messages', ours, theirs], {
      allowFailure: true,
    });
    if (merged.code !== 0) return null;
    const tree = merged.stdout.split('\n')[0]!.trim();
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
    };
    const parents = squash ? ['-p', ours] : ['-p', ours, '-p', theirs];
    // A developer's commit.gpgSign must not make the double's merges prompt or fail.
    return (
      await this.git(['commit-tree', '--no-gpg-sign', tree, ...parents, '-F', '-'], { input: message, env })
    ).stdout.trim();
  }

  /**
   * GitHub's "rebase and merge": each commit replayed onto `onto` by a real `git cherry-pick`
   * (in a throw-away work tree of this bare repository), authors kept, committer always
   * `committer` and so always new shas, even when `onto` is already their parent (GitHub's docs:
   * "will always update the committer information and create new commit SHAs"). Returns the new
   * commits, oldest first, or null when a commit does not apply.
   */
  async rebaseCommits(onto: string, commits: string[], committer: GitIdentity, date: Date): Promise<string[] | null> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'github-double-rebase-'));
    const env = {
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: gitDate(date),
    };
    // A developer's hooks and signing settings must not run in the double's own commits.
    const config = ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgSign=false'];
    await this.git(['worktree', 'add', '--quiet', '--detach', dir, onto]);
    try {
      const tree = Git.at(dir);
      const made: string[] = [];
      for (const sha of commits) {
        const picked = await tree.raw([...config, 'cherry-pick', '--allow-empty', '--keep-redundant-commits', sha], {
          env,
          allowFailure: true,
        });
        if (picked.code !== 0) return null;
        made.push((await tree.raw(['rev-parse', 'HEAD'])).stdout.trim());
      }
      return made;
    } finally {
      await this.git(['worktree', 'remove', '--force', dir], { allowFailure: true });
      rmSync(dir, { recursive: true, force: true });
      await this.git(['worktree', 'prune'], { allowFailure: true });
    }
  }

  /** Copies another repository's branch to a ref of this one (`refs/pull/N/head`); returns its commit. */
  async fetchRef(fromGitDir: string, branch: string, ref: string): Promise<string | null> {
    const res = await this.git(['fetch', '--no-tags', '--quiet', fromGitDir, `+refs/heads/${branch}:${ref}`], {
      allowFailure: true,
    });
    if (res.code !== 0) return null;
    return this.resolveCommit(ref);
  }

  /** Brings another repository's branch into this one's object store; returns its commit. */
  async fetchBranch(fromGitDir: string, branch: string): Promise<string | null> {
    const res = await this.git(['fetch', '--no-tags', '--quiet', fromGitDir, `refs/heads/${branch}`], {
      allowFailure: true,
    });
    if (res.code !== 0) return null;
    return this.resolveCommit('FETCH_HEAD');
  }
}

/** Revisions come from URLs: refuse anything git could read as an option or a range. */
function isSafeRevision(rev: string): boolean {
  return rev.length > 0 && !rev.startsWith('-') && !rev.includes('..') && !/[\s~^:?*[\\]/.test(rev);
}

function parseCommit(record: string): CommitInfo {
  const [sha, tree, parents, an, ae, ad, cn, ce, cd, ...message] = record.split(US);
  return {
    sha: sha!,
    tree: tree!,
    parents: parents ? parents.split(' ') : [],
    author: { name: an!, email: ae!, date: toGitHubDate(ad!) },
    committer: { name: cn!, email: ce!, date: toGitHubDate(cd!) },
    message: message.join(US).replace(/\n$/, ''),
  };
}

function parseIdentityLine(line: string): GitIdentity & { date: string } {
  const m = /^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!m) return { name: line, email: '', date: new Date(0).toISOString() };
  return { name: m[1]!, email: m[2]!, date: toGitHubDate(new Date(Number(m[3]) * 1000).toISOString()) };
}

function gitDate(date: Date): string {
  return `${Math.floor(date.getTime() / 1000)} +0000`;
}

/** GitHub writes UTC timestamps without milliseconds. */
export function toGitHubDate(value: string | Date): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
