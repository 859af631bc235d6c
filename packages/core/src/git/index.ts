// The one git layer: every git call of every action goes through a `Git` bound to a work tree.
import { CommandError, redact, run, type RunOptions, type RunResult } from '../exec/index.ts';

export interface GitOptions {
  /** Extra configuration for this process only (`git -c` is avoided: it shows in `ps`). */
  config?: Record<string, string>;
  env?: Record<string, string | undefined>;
  secrets?: string[];
}

export type HistorySource = 'complete' | 'unshallowed' | 'fetched-tags';

export interface Identity {
  name: string;
  email: string;
}

/** The identity Exegol's pipelines commit as. */
export const ACTIONS_IDENTITY: Identity = { name: 'Github Actions', email: 'actions@github.com' };

export type PushOutcome = { pushed: true; sha: string; attempts: number } | { pushed: false; reason: 'rejected' | 'protected'; message: string; attempts: number };

/** `pushReplaying`'s outcomes: a push, a refusal, or nothing left to push once replayed. */
export type ReplayOutcome = PushOutcome | { pushed: false; reason: 'superseded'; message: string; attempts: number };

/** Why a push was refused, from git's output: a protection rule, a branch that moved, or other. */
function pushFailure(output: string): 'protected' | 'moved' | 'other' {
  if (/protected branch|GH006|pre-receive hook declined|protected/i.test(output)) return 'protected';
  if (/non-fast-forward|fetch first|rejected|stale info|cannot lock ref|failed to update ref/i.test(output)) return 'moved';
  return 'other';
}

/**
 * Credentials for fetch and push, passed as process configuration only: never written to
 * .git/config, never on a command line. A token becomes an HTTP authorization header for the
 * server's URL; an SSH key file becomes the ssh command.
 */
export function authConfig(auth: { token?: string; serverUrl?: string; sshKeyFile?: string }): Pick<GitOptions, 'config' | 'secrets'> {
  const config: Record<string, string> = {};
  const secrets: string[] = [];
  if (auth.token) {
    const basic = Buffer.from(`x-access-token:${auth.token}`).toString('base64');
    config[`http.${auth.serverUrl ?? 'https://github.com'}/.extraheader`] = `AUTHORIZATION: basic ${basic}`;
    secrets.push(auth.token, basic);
  }
  if (auth.sshKeyFile) {
    config['core.sshCommand'] = `ssh -i '${auth.sshKeyFile.replace(/'/g, `'\\''`)}' -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new`;
  }
  return { config, secrets };
}

export class Git {
  private constructor(
    readonly dir: string,
    private readonly options: GitOptions,
  ) {}

  /** A git bound to a directory as it is (a bare repository, or one not made yet). */
  static at(dir: string, options: GitOptions = {}): Git {
    return new Git(dir, options);
  }

  /** The work tree that contains `dir`; a clear error when there is none. */
  static async open(dir: string, options: GitOptions = {}): Promise<Git> {
    const git = new Git(dir, options);
    const res = await git.raw(['rev-parse', '--show-toplevel'], { allowFailure: true });
    if (res.code !== 0) throw new Error(`${dir} is not a git work tree: check out the repository first (actions/checkout).`);
    return new Git(res.stdout.trim(), options);
  }

  /** Runs git with the configured environment; configuration goes through GIT_CONFIG_* variables. */
  async raw(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const config = Object.entries(this.options.config ?? {});
    const env: Record<string, string | undefined> = {
      GIT_TERMINAL_PROMPT: '0',
      ...this.options.env,
      ...options.env,
    };
    if (config.length) {
      env.GIT_CONFIG_COUNT = String(config.length);
      config.forEach(([k, v], i) => {
        env[`GIT_CONFIG_KEY_${i}`] = k;
        env[`GIT_CONFIG_VALUE_${i}`] = v;
      });
    }
    return run('git', args, {
      ...options,
      cwd: options.cwd ?? this.dir,
      env,
      secrets: [...(this.options.secrets ?? []), ...(options.secrets ?? [])],
    });
  }

  async out(args: readonly string[]): Promise<string> {
    return (await this.raw(args)).stdout.trim();
  }

  async lines(args: readonly string[]): Promise<string[]> {
    return (await this.out(args)).split('\n').filter(Boolean);
  }

  async revParse(rev: string): Promise<string | null> {
    const res = await this.raw(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }

  async head(): Promise<string> {
    const sha = await this.revParse('HEAD');
    if (!sha) throw new Error(`${this.dir} has no commit checked out.`);
    return sha;
  }

  async currentBranch(): Promise<string | null> {
    const res = await this.raw(['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFailure: true });
    return res.code === 0 ? res.stdout.trim() : null;
  }

  /** Every ref with the object it points at: a snapshot to prove a failed step changed nothing. */
  async refs(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const line of await this.lines(['for-each-ref', '--format=%(refname) %(objectname)'])) {
      const [ref, sha] = line.split(' ') as [string, string];
      out[ref] = sha;
    }
    return out;
  }

  async isShallow(): Promise<boolean> {
    return (await this.out(['rev-parse', '--is-shallow-repository'])) === 'true';
  }

  async remotes(): Promise<string[]> {
    return this.lines(['remote']);
  }

  async isClean(): Promise<boolean> {
    return (await this.out(['status', '--porcelain', '--untracked-files=no'])) === '';
  }

  /**
   * Makes the commit history and the tags available, as `actions/checkout` gives a depth-1 clone
   * without tags by default. Says what it did, so a caller never compares against nothing silently.
   */
  async ensureHistory(remote = 'origin'): Promise<HistorySource> {
    const shallow = await this.isShallow();
    const hasRemote = (await this.remotes()).includes(remote);
    if (!hasRemote) {
      if (shallow) throw new Error(`the clone is shallow and has no remote "${remote}" to fetch history from: check out with fetch-depth: 0.`);
      return 'complete';
    }
    if (shallow) {
      await this.raw(['fetch', '--unshallow', '--tags', '--no-recurse-submodules', '--quiet', remote]);
      return 'unshallowed';
    }
    await this.raw(['fetch', '--tags', '--no-recurse-submodules', '--quiet', remote]);
    return 'fetched-tags';
  }

  /** Tags whose commit is an ancestor of (or equal to) `rev`. */
  async tagsMergedInto(rev: string): Promise<string[]> {
    return this.lines(['tag', '--merged', rev]);
  }

  async tagsPointingAt(rev: string): Promise<string[]> {
    return this.lines(['tag', '--points-at', rev]);
  }

  async tagCommit(tag: string): Promise<string | null> {
    return this.revParse(`refs/tags/${tag}`);
  }

  /** The commit a remote branch points at, asked of the remote itself; null when it has none. */
  async remoteBranch(branch: string, remote = 'origin'): Promise<string | null> {
    const out = await this.out(['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
    return out ? out.split(/\s/)[0]! : null;
  }

  /** Commits what is staged (or `paths`) as `identity`; null when there is nothing to commit. */
  async commit(message: string, identity: Identity, paths?: string[]): Promise<string | null> {
    if (paths) await this.raw(['add', '--', ...paths]);
    const staged = await this.raw(['diff', '--cached', '--quiet'], { allowFailure: true });
    if (staged.code === 0) return null;
    await this.raw(['commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', message], {
      env: {
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email,
      },
    });
    return this.head();
  }

  /**
   * Pushes HEAD to `branch`. When the remote branch moved meanwhile, fetches, rebases the local
   * commits onto it and tries again, at most `attempts` times. A branch protection refusal is
   * returned as such, so the caller can fall back to a pull request.
   */
  async pushWithRetry(branch: string, options: { remote?: string; attempts?: number; identity?: Identity } = {}): Promise<PushOutcome> {
    const remote = options.remote ?? 'origin';
    const attempts = options.attempts ?? 3;
    const identity = options.identity ?? ACTIONS_IDENTITY;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const res = await this.raw(['push', '--porcelain', remote, `HEAD:refs/heads/${branch}`], { allowFailure: true });
      if (res.code === 0) return { pushed: true, sha: await this.head(), attempts: attempt };
      last = (res.stderr + res.stdout).trim();
      const failure = pushFailure(last);
      if (failure === 'protected') return { pushed: false, reason: 'protected', message: last, attempts: attempt };
      if (failure !== 'moved') break;
      await this.raw(['fetch', '--quiet', '--no-tags', remote, `refs/heads/${branch}`]);
      const rebase = await this.raw(['rebase', '--quiet', 'FETCH_HEAD'], {
        allowFailure: true,
        env: { GIT_COMMITTER_NAME: identity.name, GIT_COMMITTER_EMAIL: identity.email },
      });
      if (rebase.code !== 0) {
        await this.raw(['rebase', '--abort'], { allowFailure: true });
        return { pushed: false, reason: 'rejected', message: `${branch} moved and the local commits do not rebase onto it cleanly:\n${rebase.stderr.trim()}`, attempts: attempt };
      }
    }
    return { pushed: false, reason: 'rejected', message: last, attempts };
  }

  /**
   * Pushes HEAD to `branch`; when the branch moved meanwhile, starts again from its new tip:
   * fetches it, resets the work tree to it and calls `replay`, which applies the change again and
   * commits, returning the commit, or null when nothing is left to commit (someone pushed the
   * same change first). Unlike `pushWithRetry`'s rebase, a change computed from the files (a row
   * inserted at the top of a shared index) cannot conflict with a neighbour's edit this way.
   * The work tree must hold nothing but the change: the reset discards anything else.
   */
  async pushReplaying(
    branch: string,
    replay: () => Promise<string | null>,
    options: { remote?: string; attempts?: number } = {},
  ): Promise<ReplayOutcome> {
    const remote = options.remote ?? 'origin';
    const attempts = options.attempts ?? 3;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const res = await this.raw(['push', '--porcelain', remote, `HEAD:refs/heads/${branch}`], { allowFailure: true });
      if (res.code === 0) return { pushed: true, sha: await this.head(), attempts: attempt };
      last = redact((res.stderr + res.stdout).trim(), this.options.secrets);
      const failure = pushFailure(last);
      if (failure === 'protected') return { pushed: false, reason: 'protected', message: last, attempts: attempt };
      if (failure !== 'moved' || attempt === attempts) break;
      const tip = await this.fetchBranch(branch, { remote, depth: (await this.isShallow()) ? 1 : undefined });
      if (!tip) return { pushed: false, reason: 'rejected', message: `${branch} was deleted from ${remote} meanwhile`, attempts: attempt };
      await this.raw(['reset', '--quiet', '--hard', tip]);
      if ((await replay()) === null) return { pushed: false, reason: 'superseded', message: `${branch} already has the change`, attempts: attempt };
    }
    return { pushed: false, reason: 'rejected', message: last, attempts };
  }

  /**
   * Fetches one branch of a remote (without tags, and without moving any local branch); its
   * commit, or null when the remote has no such branch.
   */
  async fetchBranch(branch: string, options: { remote?: string; depth?: number } = {}): Promise<string | null> {
    const remote = options.remote ?? 'origin';
    const depth = options.depth ? [`--depth=${options.depth}`] : [];
    const res = await this.raw(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...depth, remote, `refs/heads/${branch}`], { allowFailure: true });
    if (res.code !== 0) {
      if (/couldn't find remote ref/i.test(res.stderr)) return null;
      const secrets = this.options.secrets ?? [];
      throw new CommandError(`git fetch ${remote}`, { code: res.code, stdout: redact(res.stdout, secrets), stderr: redact(res.stderr, secrets) });
    }
    return this.out(['rev-parse', 'FETCH_HEAD^{commit}']);
  }

  /** Creates or resets local `branch` to `rev` and checks it out. */
  async checkoutBranchAt(branch: string, rev: string): Promise<void> {
    await this.raw(['checkout', '--quiet', '-B', branch, rev]);
  }

  async treeOf(rev: string): Promise<string> {
    return this.out(['rev-parse', `${rev}^{tree}`]);
  }

  /**
   * Sets remote `branch` to local `rev` even when that is not a fast-forward, but only if the
   * remote branch is still at `expected` (null: does not exist yet): a branch the caller owns,
   * such as a pull request's head, replaced without losing a change someone made meanwhile.
   */
  async forcePush(rev: string, branch: string, expected: string | null, remote = 'origin'): Promise<void> {
    await this.raw(['push', '--quiet', `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`, remote, `${rev}:refs/heads/${branch}`]);
  }

  /**
   * `git diff --no-index` of two folders (or files) given relative to this directory: the
   * unified diff, paths as given; empty when they are the same. Needs no repository.
   */
  async diffNoIndex(before: string, after: string): Promise<string> {
    const res = await this.raw(['diff', '--no-index', '--no-color', '--no-prefix', '--', before, after], { allowFailure: true });
    if (res.code > 1) throw new Error(`git diff --no-index failed: ${res.stderr.trim()}`);
    return res.stdout;
  }
}
