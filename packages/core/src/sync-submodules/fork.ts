// fork mode: a branch of a fork brought up to date with a branch of upstream by a merge, as the
// maintainers do by hand before merging a contributor's pull request:
//   git fetch upstream; git checkout <branch>; git merge --no-edit upstream/<branch>; git push
// A conflict stops the run with the list of files and nothing pushed. With the `ff-only` strategy
// the branch only ever fast-forwards: a branch with commits of its own is reported, not merged.
// The same mode keeps a repository's own branches following another of its branches (the docs'
// dev, dev-wrapper and dev-images following main): upstream is then the repository itself.
import { ActionError, InputError } from '../action/index.ts';
import { reasonLine } from '../exec/index.ts';
import { Git, unauthorizedPushFix, type GitOptions, type Identity } from '../git/index.ts';
import { forkApiTarget, mergeUpstream, type ForkApiSettings } from './fork-api.ts';
import { describeGitError, safeUrl, short } from './util.ts';

export interface ForkOptions {
  /** The fork's work tree (its `origin` is the fork). */
  root: string;
  /** The fork branch to update; default the checked-out one. */
  branch: string | null;
  /** The upstream repository's URL, and the branch to merge (default: the fork branch's name). */
  upstream: { url: string; branch: string | null };
  identity: Identity;
  dryRun: boolean;
  pushAttempts: number;
  /** Credentials for fetching upstream (authConfig): never used to push. */
  fetchAuth?: Pick<GitOptions, 'config' | 'secrets'>;
  /** Credentials for the fork's own remote (authConfig of github-token): the push. */
  pushAuth?: Pick<GitOptions, 'config' | 'secrets'>;
  env?: Record<string, string>;
  /**
   * `merge` (default): a fast-forward when the branch has no commits of its own, a merge commit
   * otherwise, as `git merge --ff` does. `ff-only`: fast-forwards only.
   */
  strategy?: 'merge' | 'ff-only';
  /** GitHub's merge-upstream, where it applies (see fork-method). */
  api?: ForkApiSettings;
  log?: (line: string) => void;
}

export interface ForkResult {
  branch: string;
  upstreamBranch: string;
  /** The fork branch before and after. */
  from: string;
  to: string;
  /** Upstream commits the fork branch lacked, and fork commits upstream lacks. */
  behind: number;
  ahead: number;
  changed: boolean;
  operation: 'unchanged' | 'dry-run' | 'fast-forward' | 'merged';
  method: 'git' | 'api';
  commitSha: string | null;
}

export async function syncFork(opts: ForkOptions): Promise<ForkResult> {
  const log = opts.log ?? (() => {});
  const checkout = await Git.open(opts.root, { env: opts.env });
  const git = checkout.with(opts.pushAuth ?? {});
  const fetcher = checkout.with(opts.fetchAuth ?? {});

  const dirty = await git.changedFiles();
  if (dirty.length) {
    throw new ActionError(
      `The work tree has uncommitted changes (${dirty.slice(0, 10).join(', ')}): a merge would mix them in. Commit or discard them first.`,
    );
  }
  const current = await git.currentBranch();
  const branch = opts.branch ?? current;
  if (!branch) {
    throw new InputError(
      'branch',
      `HEAD is detached at ${short(await git.head())} and no branch is named, so there is no fork branch to update`,
      'Check out the fork branch (actions/checkout with ref: <branch>) or name it in "branch".',
    );
  }
  const upstreamBranch = opts.upstream.branch ?? branch;
  const upstreamRef = `refs/remotes/upstream/${upstreamBranch}`;
  // Merged by its short name, so the merge commit reads "Merge remote-tracking branch 'upstream/…'".
  const upstreamName = `upstream/${upstreamBranch}`;

  // Both ends are asked for before anything is fetched or merged.
  let upstreamRefs: Map<string, string>;
  try {
    upstreamRefs = await fetcher.lsRemote(opts.upstream.url, {
      heads: true,
      patterns: [`refs/heads/${upstreamBranch}`],
    });
  } catch (error) {
    throw new InputError(
      'upstream',
      `cannot reach ${safeUrl(opts.upstream.url)}: ${describeGitError(error)}`,
      'Check the repository name; for a private upstream give "fetch-token" or "fetch-ssh-key".',
    );
  }
  if (!upstreamRefs.has(`refs/heads/${upstreamBranch}`)) {
    throw new InputError(
      opts.upstream.branch ? 'upstream-branch' : 'branch',
      `${safeUrl(opts.upstream.url)} has no branch "${upstreamBranch}"`,
      'Name the upstream branch to merge in "upstream-branch".',
    );
  }
  const forkTip = await git.remoteBranch(branch);
  if (current !== branch) {
    if (!forkTip)
      throw new InputError(
        'branch',
        `the fork (origin) has no branch "${branch}"`,
        'Name a branch that exists in the fork.',
      );
    await git.fetch('origin', [`+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
    await git.checkout(`refs/remotes/origin/${branch}`, { branch });
  }
  // A merge needs the common history: actions/checkout gives one commit by default.
  if (await git.isShallow()) await git.fetch('origin', [], { unshallow: true });
  await fetcher.fetch(opts.upstream.url, [`+refs/heads/${upstreamBranch}:${upstreamRef}`]);

  const from = await git.head();
  let api = opts.api
    ? await forkApiTarget(opts.api, { originUrl: await git.remoteUrl('origin'), branch, upstreamBranch }, log)
    : null;
  for (let attempt = 1; ; attempt++) {
    const before = await git.head();
    const behind = await git.countCommits(before, upstreamRef);
    const ahead = await git.countCommits(upstreamRef, before);
    const result = { branch, upstreamBranch, from, behind, ahead, method: api ? ('api' as const) : ('git' as const) };
    if (behind === 0) {
      log(`${branch} already has every commit of upstream/${upstreamBranch}.`);
      return { ...result, to: before, changed: false, operation: 'unchanged', commitSha: null };
    }
    if (ahead > 0 && opts.strategy === 'ff-only') {
      throw new ActionError(
        `${branch} cannot fast-forward to upstream/${upstreamBranch}: it has ${ahead} commit(s) of its own that upstream/${upstreamBranch} lacks (and lacks ${behind} of upstream's). Nothing was ${opts.dryRun ? 'changed (dry run)' : 'pushed'}. ` +
          `Merge upstream/${upstreamBranch} into ${branch} by hand, or set fork-strategy: merge to let this action make the merge commit.`,
      );
    }
    if (opts.dryRun) {
      const conflicts = await git.mergeConflicts(before, upstreamRef);
      if (conflicts.length) throw conflictError(branch, upstreamBranch, conflicts, true);
      log(
        `Dry run: would merge ${behind} commit(s) of upstream/${upstreamBranch} into ${branch}${ahead ? '' : ' (fast-forward)'}${api ? ' through merge-upstream' : ''}.`,
      );
      return { ...result, to: before, changed: true, operation: 'dry-run', commitSha: null };
    }
    if (api) {
      const outcome = await mergeUpstream(api, branch);
      if (outcome.status === 'conflict') {
        // GitHub does not say where: the same merge here does.
        throw conflictError(branch, upstreamBranch, await git.mergeConflicts(before, upstreamRef), false);
      }
      if (outcome.status === 'refused') {
        if (opts.api?.method === 'api') throw new ActionError(`${outcome.message} Nothing was merged.`);
        log(`merge-upstream did not do it (${outcome.message}); merging with git instead.`);
        api = null;
        continue;
      }
      // GitHub moved the fork's branch: bring this checkout along.
      await git.fetch('origin', [`+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
      const merged = await git.merge(`origin/${branch}`, opts.identity, { ff: 'only' });
      if (merged.status === 'conflict') throw new Error('a fast-forward cannot conflict');
      const operation =
        outcome.status === 'merge' ? 'merged' : outcome.status === 'fast-forward' ? 'fast-forward' : 'unchanged';
      log(`merge-upstream: ${operation} ${branch} from ${opts.api?.upstream}:${branch}, now ${short(merged.sha)}.`);
      return {
        ...result,
        to: merged.sha,
        changed: operation !== 'unchanged',
        operation,
        commitSha: operation === 'unchanged' ? null : merged.sha,
      };
    }
    const merged = await git.merge(upstreamName, opts.identity, { ff: opts.strategy === 'ff-only' ? 'only' : 'allow' });
    if (merged.status === 'conflict') throw conflictError(branch, upstreamBranch, merged.files, false);
    const pushed = await git.pushBranch('HEAD', branch);
    if (pushed.pushed) {
      const sha = await git.head();
      log(
        `${merged.status === 'fast-forward' ? 'Fast-forwarded' : 'Merged'} ${behind} commit(s) of upstream/${upstreamBranch} into ${branch} and pushed ${short(sha)}.`,
      );
      return {
        ...result,
        to: sha,
        changed: true,
        operation: merged.status === 'fast-forward' ? 'fast-forward' : 'merged',
        commitSha: sha,
      };
    }
    if (pushed.reason === 'protected') {
      throw new ActionError(
        `Pushing the merge to ${branch} was refused by branch protection: ${pushed.message.split('\n').pop()}. Nothing was pushed.`,
      );
    }
    if (pushed.reason === 'unauthorized') {
      throw new ActionError(
        `Pushing the merge to ${branch} was refused: ${reasonLine(pushed.message)}. Nothing was pushed. ${unauthorizedPushFix('github-token')}`,
        { input: 'github-token' },
      );
    }
    // The fork branch moved meanwhile: drop this merge and merge again onto where it is now.
    if (attempt >= opts.pushAttempts) {
      throw new ActionError(
        `${branch} kept moving: the merge was refused ${attempt} time(s) (${pushed.message.split('\n').pop()}). Nothing was pushed; re-run later.`,
      );
    }
    log(`${branch} moved while pushing; merging again onto the new tip.`);
    await git.fetch('origin', [`+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
    await git.resetHard(`refs/remotes/origin/${branch}`);
  }
}

function conflictError(branch: string, upstreamBranch: string, files: string[], dryRun: boolean): ActionError {
  return new ActionError(
    `${dryRun ? 'Dry run: merging' : 'Merging'} upstream/${upstreamBranch} into ${branch} conflicts in ${files.length} file(s):\n${files.map((f) => `- ${f}`).join('\n')}\n` +
      `Nothing was pushed. Resolve by hand: git fetch upstream; git checkout ${branch}; git merge upstream/${upstreamBranch}; fix the files; git commit; git push.`,
  );
}
