// Real git repositories for tests: bare remotes and work trees in a temporary folder, built
// with the toolkit's own git layer. Nothing here touches the developer's git configuration.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Git } from '@exegol-actions/core/git';
import {
  deepMerge,
  repoRoot,
  runAction,
  type ActionRun,
  type EventSpec,
  type RunActionOptions,
} from '../runner/index.ts';
import { serveGitHttp, type GitHttpServer, type GitHttpStall } from './http.ts';

export { serveGitHttp, type GitHttpServer, type GitHttpStall };

/** The actions/checkout releases vendored in packages/testkit/vendor/actions-checkout. */
export const CHECKOUT_RELEASES = ['v4.2.2', 'v5.0.0', 'v6.0.2', 'v7.0.1'] as const;
export type CheckoutRelease = (typeof CHECKOUT_RELEASES)[number];
const CHECKOUT_VENDOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../vendor/actions-checkout');

/**
 * The release the workflow templates pin, read from them: what a user of the templates runs,
 * so what every test checks out with unless it asks for another. While the templates move from
 * one release to the next (some files on each), the newer one. Every pin's commit must be the
 * vendored release's.
 */
function templatesCheckout(): CheckoutRelease {
  const dir = path.join(repoRoot, 'workflows-templates');
  const pins = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
    for (const m of fs
      .readFileSync(path.join(dir, file), 'utf8')
      .matchAll(/uses:\s*actions\/checkout@([0-9a-f]{40})\s*#\s*(v[0-9.]+)/g))
      pins.set(m[2]!, m[1]!);
  }
  if (!pins.size)
    throw new Error('workflows-templates/ pins no actions/checkout release (uses: actions/checkout@<commit> # <tag>)');
  for (const [version, commit] of pins) {
    if (!(CHECKOUT_RELEASES as readonly string[]).includes(version))
      throw new Error(`the templates pin actions/checkout ${version}: vendor it in ${CHECKOUT_VENDOR}`);
    if (!fs.readFileSync(path.join(CHECKOUT_VENDOR, version, 'SOURCE'), 'utf8').includes(commit))
      throw new Error(`the templates pin actions/checkout ${version} at ${commit}, not the vendored commit`);
  }
  return CHECKOUT_RELEASES.filter((r) => pins.has(r)).pop()!;
}

export const DEFAULT_CHECKOUT: CheckoutRelease = templatesCheckout();

/** The owner of sandbox remotes named without one: `bare('x')` is GitHub's `sandbox/x`. */
export const SANDBOX_OWNER = 'sandbox';

/** A stable numeric id per repository, as GitHub's payloads carry (checkout v7 compares them). */
function repositoryId(repository: string): number {
  let h = 7;
  for (const c of repository.toLowerCase()) h = (h * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return h;
}

export interface CheckoutOptions {
  /** The work tree's folder name under the sandbox's work/. */
  name?: string;
  /** fetch-depth (the older name): 1 by default, 0 for all history, branches and tags. */
  depth?: number;
  fetchDepth?: number;
  fetchTags?: boolean;
  persistCredentials?: boolean;
  /** checkout's `token` input; the sandbox's own token by default. */
  token?: string;
  version?: CheckoutRelease;
  /** The event that started the workflow: the push of `ref` by default. */
  event?: string | EventSpec;
  /** For pull_request / pull_request_target: what `pullRequest()` returned. */
  pullRequest?: SandboxPullRequest;
  /**
   * A second checkout in the same job: this remote (another repository) checked out at `ref`
   * into `path` of that checkout's workspace (`with: repository, ref, path`), in its workflow run.
   */
  into?: Checkout;
  /** With `into`: the folder under its workspace; `name` by default. */
  path?: string;
  /** Any other input of actions/checkout. */
  inputs?: Record<string, string | number | boolean>;
}

export interface SandboxPullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  headSha: string;
  baseSha: string;
  mergeSha: string;
}

/** actions/checkout stopped the job: its run says why. */
export class CheckoutFailed extends Error {
  constructor(
    message: string,
    readonly run: ActionRun,
  ) {
    super(message);
    this.name = 'CheckoutFailed';
  }
}

export interface CommitOptions {
  /** Files to write (relative path → content) before committing; null deletes. */
  files?: Record<string, string | null>;
  author?: { name: string; email: string };
  allowEmpty?: boolean;
}

let clock = Date.UTC(2026, 0, 1) / 1000;

export class GitSandbox {
  private http: Promise<GitHttpServer> | undefined;
  private readonly pulls = new Map<string, SandboxPullRequest>();
  /** Remote path → `owner/name` on the sandbox's server, and back (lower-cased, as GitHub matches). */
  private readonly names = new Map<string, string>();
  private readonly remotesByName = new Map<string, string>();
  /** What `${{ github.token }}` is for this sandbox's server: checkout's default token. */
  readonly token = `ghs_sandbox${randomBytes(12).toString('hex')}`;

  private constructor(
    readonly root: string,
    /** HOME for git here and for action processes: an empty global configuration. */
    readonly home: string,
    private readonly privateRemotes: boolean,
  ) {}

  /**
   * `privateRemotes`: the sandbox's server asks for the token to read as well (a private
   * repository); by default reads are public and only pushes need it.
   */
  static create(prefix = 'exegol-actions-', options: { privateRemotes?: boolean } = {}): Promise<GitSandbox> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    const home = path.join(root, '.home');
    fs.mkdirSync(home);
    // Only what a fresh runner would have too: a default branch name; no identity, no signing.
    fs.writeFileSync(
      path.join(home, '.gitconfig'),
      '[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n',
    );
    return Promise.resolve(new GitSandbox(root, home, options.privateRemotes === true));
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
    this.repository(dir);
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
   * Checks `ref` of `remote` out the way a workflow's first step does: runs the real
   * actions/checkout bundle (vendored, `options.version`, the templates' pin by default) in a
   * child process, as a runner runs it, against the sandbox's remotes served over smart HTTP.
   * `ref` is `refs/heads/…`, `refs/tags/…`, `refs/pull/<n>/merge|head` (see `pullRequest`) or a
   * commit (checked out with `with: ref: <sha>` on a push to the default branch). The event is
   * the push of `ref` unless `options.event` says otherwise. `origin` is then the HTTP URL, with
   * the token persisted as checkout persists it (unless `persistCredentials: false`).
   */
  async checkout(remote: string, ref: string, options: CheckoutOptions = {}): Promise<Checkout> {
    const version = options.version ?? DEFAULT_CHECKOUT;
    if (!CHECKOUT_RELEASES.includes(version))
      throw new Error(`actions/checkout ${version} is not vendored (${CHECKOUT_RELEASES.join(', ')})`);
    const server = await this.server();
    const repository = this.repository(remote);
    const bare = this.git(remote);
    const token = options.token ?? this.token;

    let githubRef = ref;
    let sha: string | null;
    const inputs: Record<string, string | number | boolean> = {};
    if (/^[0-9a-f]{40}$/.test(ref)) {
      sha = ref;
      inputs.ref = ref;
      githubRef = (await bare.out(['symbolic-ref', 'HEAD'])) || 'refs/heads/main';
    } else sha = await bare.revParse(ref);
    if (!sha) throw new Error(`${remote} has no ${ref} to check out`);

    const spec: EventSpec =
      typeof options.event === 'string'
        ? { name: options.event }
        : { ...(options.event ?? { name: ref.startsWith('refs/pull/') ? 'pull_request' : 'push' }) };
    const pull =
      options.pullRequest ??
      (ref.startsWith('refs/pull/') ? this.pulls.get(`${remote}#${ref.split('/')[2]}`) : undefined);
    const repo = {
      id: repositoryId(repository),
      name: repository.split('/')[1],
      full_name: repository,
      owner: { login: repository.split('/')[0] },
    };
    const payload: Record<string, unknown> = { repository: repo };
    if (spec.name === 'pull_request' || spec.name === 'pull_request_target') {
      if (!pull)
        throw new Error(
          `a ${spec.name} checkout needs the pull request: make it with sandbox.pullRequest() and pass it as options.pullRequest`,
        );
      // pull_request_target runs on the base branch's tip; pull_request on the merge commit.
      if (spec.name === 'pull_request_target' && !ref.startsWith('refs/heads/'))
        throw new Error('a pull_request_target checkout is of the base branch: pass refs/heads/<base>');
      Object.assign(payload, {
        number: pull.number,
        pull_request: {
          number: pull.number,
          title: pull.title,
          draft: false,
          merge_commit_sha: pull.mergeSha,
          head: { ref: pull.head, sha: pull.headSha, repo },
          base: { ref: pull.base, sha: pull.baseSha, repo },
        },
      });
    }
    if (spec.name === 'workflow_dispatch') payload.ref = githubRef;
    const event: EventSpec = { ...spec, payload: deepMerge(payload, spec.payload ?? {}) };

    const depth = options.fetchDepth ?? options.depth;
    if (depth !== undefined) inputs['fetch-depth'] = depth;
    if (options.fetchTags !== undefined) inputs['fetch-tags'] = options.fetchTags;
    if (options.persistCredentials !== undefined) inputs['persist-credentials'] = options.persistCredentials;
    Object.assign(inputs, options.inputs);

    const name = options.name ?? `checkout-${path.basename(remote, '.git')}-${Math.random().toString(36).slice(2, 8)}`;
    // Another repository into a job's workspace: the workflow run's context is that job's.
    const job = options.into?.context;
    if (options.into) Object.assign(inputs, { repository, ref, path: options.path ?? name });
    const workspace = options.into?.dir ?? path.join(this.root, 'work', name);
    const dir = options.into ? path.join(workspace, options.path ?? name) : workspace;
    fs.mkdirSync(workspace, { recursive: true });
    const run = await runAction({
      action: path.join(CHECKOUT_VENDOR, version),
      workspace,
      inputs,
      event: job?.event ?? event,
      ref: job?.ref ?? githubRef,
      sha: job?.sha ?? sha,
      repository: job?.repository ?? repository,
      serverUrl: server.origin,
      token,
      env: this.env(),
      // The job's temporary folder outlives the step: v6+ keeps the credentials file there.
      runnerTemp: path.join(this.root, '.runner-temp', options.into ? path.basename(options.into.dir) : name),
    });
    if (run.exitCode !== 0) {
      const tail = run.log.split('\n').slice(-15).join('\n');
      throw new CheckoutFailed(
        `actions/checkout ${version} of ${ref} failed: ${run.errors.map((e) => e.message).join('; ') || `exit ${run.exitCode}`}\n${tail}`,
        run,
      );
    }
    if (job) return new Checkout(this, dir, { ...job, run });
    return new Checkout(this, dir, {
      version,
      ref: githubRef,
      sha,
      event,
      repository,
      serverUrl: server.origin,
      token,
      run,
    });
  }

  /**
   * What GitHub makes for a pull request from `head` into `base` of a remote: refs/pull/N/head at
   * the head's tip and refs/pull/N/merge, a real merge commit of the two (GitHub's test merge).
   * Throws when they conflict (GitHub then makes no merge ref). Pass the number of the double's
   * pull request to keep the two in step.
   */
  async pullRequest(
    remote: string,
    options: { number: number; head: string; base: string; title?: string },
  ): Promise<SandboxPullRequest> {
    const git = this.git(remote);
    const headSha = await git.revParse(`refs/heads/${options.head}`);
    const baseSha = await git.revParse(`refs/heads/${options.base}`);
    if (!headSha || !baseSha) throw new Error(`${remote} has no branch ${headSha ? options.base : options.head}`);
    const merged = await git.raw(['merge-tree', '--write-tree', '--no-messages', baseSha, headSha], {
      allowFailure: true,
    });
    if (merged.code !== 0)
      throw new Error(
        `${options.head} does not merge cleanly into ${options.base}: GitHub makes no refs/pull/${options.number}/merge`,
      );
    const date = `@${(clock += 60)} +0000`;
    const mergeSha = (
      await git.raw(
        [
          'commit-tree',
          merged.stdout.trim().split('\n')[0]!,
          '-p',
          baseSha,
          '-p',
          headSha,
          '-m',
          `Merge ${headSha} into ${baseSha}`,
        ],
        {
          env: {
            GIT_AUTHOR_NAME: 'GitHub',
            GIT_AUTHOR_EMAIL: 'noreply@github.com',
            GIT_COMMITTER_NAME: 'GitHub',
            GIT_COMMITTER_EMAIL: 'noreply@github.com',
            GIT_AUTHOR_DATE: date,
            GIT_COMMITTER_DATE: date,
          },
        },
      )
    ).stdout.trim();
    await git.raw(['update-ref', `refs/pull/${options.number}/head`, headSha]);
    await git.raw(['update-ref', `refs/pull/${options.number}/merge`, mergeSha]);
    const pull: SandboxPullRequest = {
      ...options,
      title: options.title ?? `Merge ${options.head} into ${options.base}`,
      headSha,
      baseSha,
      mergeSha,
    };
    this.pulls.set(`${remote}#${options.number}`, pull);
    return pull;
  }

  /**
   * `owner/name` of a sandbox remote on the sandbox's server, as GITHUB_REPOSITORY would have it:
   * `bare('x')` is `sandbox/x`, `bare('a/b')` and `bare('prefix/a/b')` are `a/b` (siblings share
   * an owner, so relative submodule URLs resolve as on GitHub); a name already taken by another
   * remote becomes `sandbox/<path with dots>`.
   */
  repository(remote: string): string {
    const known = this.names.get(remote);
    if (known) return known;
    const rel = path.relative(path.join(this.root, 'remotes'), remote).replace(/\.git$/, '');
    if (rel.startsWith('..') || path.isAbsolute(rel))
      throw new Error(`${remote} is not a remote of this sandbox (make it with sandbox.bare())`);
    const parts = rel.split(path.sep);
    let name = parts.length === 1 ? `${SANDBOX_OWNER}/${parts[0]}` : parts.slice(-2).join('/');
    if (this.remotesByName.has(name.toLowerCase())) name = `${SANDBOX_OWNER}/${parts.join('.')}`;
    this.names.set(remote, name);
    this.remotesByName.set(name.toLowerCase(), remote);
    return name;
  }

  /** The HTTP URL actions/checkout leaves as `origin` for a sandbox remote. */
  async httpUrl(remote: string): Promise<string> {
    return `${(await this.server()).origin}/${this.repository(remote)}`;
  }

  /**
   * The sandbox's own server, GitHub for its remotes: public reads, pushes with `token` only.
   * Started on first use; `cleanup()` stops it.
   */
  async server(): Promise<GitHttpServer> {
    this.http ??= serveGitHttp(path.join(this.root, 'remotes'), {
      token: this.token,
      publicRead: !this.privateRemotes,
      lookup: (fullName) => this.remotesByName.get(fullName.toLowerCase()),
      env: this.env(),
    });
    return this.http;
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
    void this.http?.then((server) => server.close());
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
    await this.git.raw(
      ['commit', '--quiet', '--no-verify', ...(options.allowEmpty ? ['--allow-empty'] : []), '-m', message],
      {
        env: {
          GIT_AUTHOR_NAME: who.name,
          GIT_AUTHOR_EMAIL: who.email,
          GIT_COMMITTER_NAME: who.name,
          GIT_COMMITTER_EMAIL: who.email,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
        },
      },
    );
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

/** A work tree actions/checkout made, with what the workflow run it belongs to would see. */
export class Checkout extends TestRepo {
  constructor(
    sandbox: GitSandbox,
    dir: string,
    readonly context: {
      version: CheckoutRelease;
      ref: string;
      sha: string;
      event: EventSpec;
      repository: string;
      serverUrl: string;
      token: string;
      run: ActionRun;
    },
  ) {
    super(sandbox, dir);
  }

  /** The same workflow run's context for a later step: `runAction({ ...checkout.step(), action })`. */
  step(): Pick<RunActionOptions, 'workspace' | 'ref' | 'sha' | 'event' | 'repository' | 'serverUrl' | 'token' | 'env'> {
    const { ref, sha, event, repository, serverUrl, token } = this.context;
    return { workspace: this.dir, ref, sha, event, repository, serverUrl, token, env: this.sandbox.env() };
  }
}
