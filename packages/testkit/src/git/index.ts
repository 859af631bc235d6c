// Real git repositories for tests: bare remotes and work trees in a temporary folder, built
// with the toolkit's own git layer. Nothing here touches the developer's git configuration.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Git } from '@exegol-actions/core/git';
import { serveGitHttp, type GitHttpServer, type GitHttpStall } from './http.ts';

export { serveGitHttp, type GitHttpServer, type GitHttpStall };

export interface CommitOptions {
  /** Files to write (relative path → content) before committing; null deletes. */
  files?: Record<string, string | null>;
  author?: { name: string; email: string };
  allowEmpty?: boolean;
}

let clock = Date.UTC(2026, 0, 1) / 1000;

export class GitSandbox {
  private constructor(
    readonly root: string,
    /** HOME for git here and for action processes: an empty global configuration. */
    readonly home: string,
  ) {}

  static async create(prefix = 'exegol-actions-'): Promise<GitSandbox> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    const home = path.join(root, '.home');
    fs.mkdirSync(home);
    // Only what a fresh runner would have too: a default branch name; no identity, no signing.
    fs.writeFileSync(path.join(home, '.gitconfig'), '[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
    return new GitSandbox(root, home);
  }

  /**
   * Environment for any git process working on this sandbox, the actions' included: file URLs
   * are allowed for submodules here and nowhere else.
   */
  env(): Record<string, string> {
    return {
      HOME: this.home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'protocol.file.allow',
      GIT_CONFIG_VALUE_0: 'always',
    };
  }

  git(dir: string): Git {
    return Git.at(dir, { env: this.env() });
  }

  url(bare: string): string {
    return `file://${bare}`;
  }

  /** A bare repository, standing in for a repository on GitHub. */
  async bare(name: string): Promise<string> {
    const dir = path.join(this.root, 'remotes', `${name}.git`);
    fs.mkdirSync(dir, { recursive: true });
    await this.git(dir).raw(['init', '--bare', '--quiet', '--initial-branch=main']);
    return dir;
  }

  /** A work tree with `origin` set to `remote` (a bare repository path), if given. */
  async repo(name: string, remote?: string): Promise<TestRepo> {
    const dir = path.join(this.root, 'work', name);
    fs.mkdirSync(dir, { recursive: true });
    const repo = new TestRepo(this, dir);
    await repo.git.raw(['init', '--quiet', '--initial-branch=main']);
    if (remote) await repo.git.raw(['remote', 'add', 'origin', this.url(remote)]);
    return repo;
  }

  /**
   * What actions/checkout does by default: init, fetch only `ref` at depth 1 without tags, check
   * it out (detached for a tag or a commit, on a local branch for a branch).
   */
  async checkout(remote: string, ref: string, options: { name?: string; depth?: number } = {}): Promise<TestRepo> {
    const repo = await this.repo(options.name ?? `checkout-${path.basename(remote, '.git')}-${Math.random().toString(36).slice(2, 8)}`, remote);
    const depth = options.depth ?? 1;
    const depthArgs = depth > 0 ? [`--depth=${depth}`] : [];
    if (ref.startsWith('refs/heads/')) {
      const branch = ref.slice('refs/heads/'.length);
      await repo.git.raw(['fetch', '--no-tags', '--quiet', ...depthArgs, 'origin', `+${ref}:refs/remotes/origin/${branch}`]);
      await repo.git.raw(['checkout', '--quiet', '-B', branch, `refs/remotes/origin/${branch}`]);
    } else if (ref.startsWith('refs/tags/')) {
      await repo.git.raw(['fetch', '--no-tags', '--quiet', ...depthArgs, 'origin', `+${ref}:${ref}`]);
      await repo.git.raw(['checkout', '--quiet', '--detach', ref]);
    } else {
      await repo.git.raw(['fetch', '--no-tags', '--quiet', ...depthArgs, 'origin', ref]);
      await repo.git.raw(['checkout', '--quiet', '--detach', 'FETCH_HEAD']);
    }
    return repo;
  }

  /** The sandbox's bare repositories over HTTP, behind `token` when given, stalling as `stall` says; close it after use. */
  async serveHttp(options: { token?: string; stall?: GitHttpStall } = {}): Promise<GitHttpServer> {
    return serveGitHttp(path.join(this.root, 'remotes'), { ...options, env: this.env() });
  }

  async refs(bare: string): Promise<Record<string, string>> {
    return this.git(bare).refs();
  }

  /**
   * Makes the bare repository refuse pushes to `branch` the way GitHub refuses a push to a
   * protected branch (GH006 on stderr, the ref declined); other refs are accepted. Returns a
   * function that lifts the protection.
   */
  protectBranch(bare: string, branch: string): () => void {
    const hook = path.join(bare, 'hooks', 'pre-receive');
    const ref = `refs/heads/${branch}`;
    fs.mkdirSync(path.dirname(hook), { recursive: true });
    fs.writeFileSync(
      hook,
      `#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = '${ref}' ]; then echo "error: GH006: Protected branch update failed for ${ref}." >&2; exit 1; fi\ndone\n`,
      { mode: 0o755 },
    );
    return () => fs.rmSync(hook, { force: true });
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export class TestRepo {
  readonly git: Git;

  constructor(
    readonly sandbox: GitSandbox,
    readonly dir: string,
  ) {
    this.git = sandbox.git(dir);
  }

  write(files: Record<string, string | null>): void {
    for (const [rel, content] of Object.entries(files)) {
      const abs = path.join(this.dir, rel);
      if (content === null) fs.rmSync(abs, { force: true });
      else {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, content);
      }
    }
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.dir, rel), 'utf8');
  }

  /** Commits everything in the work tree, with a distinct, increasing date per commit. */
  async commit(message: string, options: CommitOptions = {}): Promise<string> {
    if (options.files) this.write(options.files);
    const who = options.author ?? { name: 'Exegol Tester', email: 'tester@example.invalid' };
    const date = `@${(clock += 60)} +0000`;
    await this.git.raw(['add', '--all']);
    await this.git.raw(['commit', '--quiet', '--no-verify', ...(options.allowEmpty ? ['--allow-empty'] : []), '-m', message], {
      env: {
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_COMMITTER_NAME: who.name,
        GIT_COMMITTER_EMAIL: who.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    return this.git.head();
  }

  /** An annotated tag (message = the name, as Exegol's are) unless `lightweight`. */
  async tag(name: string, options: { message?: string; lightweight?: boolean; rev?: string } = {}): Promise<void> {
    const rev = options.rev ?? 'HEAD';
    if (options.lightweight) await this.git.raw(['tag', name, rev]);
    else
      await this.git.raw(['tag', '-a', name, '-m', options.message ?? name, rev], {
        env: { GIT_COMMITTER_NAME: 'Exegol Tester', GIT_COMMITTER_EMAIL: 'tester@example.invalid' },
      });
  }

  async branch(name: string, rev = 'HEAD'): Promise<void> {
    await this.git.raw(['branch', '--force', name, rev]);
  }

  async switch(name: string): Promise<void> {
    await this.git.raw(['checkout', '--quiet', name]);
  }

  /** Pushes all branches and tags to origin. */
  async pushAll(): Promise<void> {
    await this.git.raw(['push', '--quiet', '--all', 'origin']);
    await this.git.raw(['push', '--quiet', '--tags', 'origin']);
  }

  async addSubmodule(url: string, subPath: string, branch?: string): Promise<void> {
    await this.git.raw(['submodule', 'add', '--quiet', ...(branch ? ['-b', branch] : []), url, subPath]);
  }
}
