// bump-next-beta: after a release X.Y.Z, (optionally) fast-forward the dev branch to the release
// branch, write the next beta X.Y.(Z+1)b1 into the version files, commit it and push it to dev,
// or propose it in a pull request when dev is protected. Re-running finds its earlier work.
import * as log from '../action/index.ts';
import { ActionError, InputError } from '../action/index.ts';
import type { VersionRule } from '../files/index.ts';
import { reasonLine } from '../exec/index.ts';
import { unauthorizedPushFix, type Git, type Identity } from '../git/index.ts';
import { completedNote, completingPullRequest } from '../github/index.ts';
import {
  compareVersions,
  highestVersionTag,
  nextPrerelease,
  parseVersion,
  VersionError,
  type BumpOptions,
  type PreKind,
  type Scheme,
  type Version,
} from '../version/index.ts';
import { readVersionFiles, writeNextVersion, type FileChange, type StableMarkerPolicy } from './files.ts';
import type { PullRequestTarget, PullRequestOutcome } from './pull-request.ts';
import { shortSha } from '../text/index.ts';

export * from './files.ts';
export * from './pull-request.ts';

export type BumpOperation = 'bumped' | 'pull-request' | 'fast-forwarded' | 'unchanged';

export interface BumpNextBetaOptions {
  git: Git;
  /** The repository root the rules are relative to. */
  root: string;
  rules: VersionRule[];
  rulesInput: string;
  /** The release the next beta follows; found from the tags (or the files) when absent. */
  released?: { value: string; source: string; input?: string };
  tagPrefix: string;
  part: NonNullable<BumpOptions['part']>;
  pre: PreKind;
  /** `auto`: the scheme the files already write (semver `1.2.3-beta.1`), PEP 440 otherwise. */
  scheme: Scheme | 'auto';
  stableMarker: StableMarkerPolicy;
  /** Write the next version even when the files are already ahead of it. */
  force: boolean;
  devBranch: string;
  /** Fast-forward dev to this branch first; null to leave dev where it is. */
  fastForwardFrom: string | null;
  /** `push`: to dev (a pull request when dev is protected); `pull-request`: always a pull request. */
  mode: 'push' | 'pull-request';
  commitMessage: string;
  identity: Identity;
  pullRequest: { branch: string; title: string };
  attempts: number;
  dryRun: boolean;
  /** Opens or updates the pull request; null when no token is available. */
  openPullRequest: ((target: PullRequestTarget) => Promise<PullRequestOutcome>) | null;
  remote?: string;
}

export interface BumpResult {
  operation: BumpOperation;
  previousVersion: string;
  nextVersion: string;
  released: { version: string; source: string } | null;
  /** `needed`: dev was behind the release branch; `pushed`: this run moved dev. */
  fastForward: { from: string; to: string; needed: boolean; pushed: boolean } | null;
  changes: FileChange[];
  commitSha: string;
  pushed: boolean;
  pullRequest: PullRequestOutcome | null;
  dryRun: boolean;
  notes: string[];
}

const fill = (template: string, version: string) => template.replaceAll('{version}', version);

export async function bumpNextBeta(opts: BumpNextBetaOptions): Promise<BumpResult> {
  const git = opts.git;
  const remote = opts.remote ?? 'origin';
  const notes: string[] = [];

  // 1. Nothing is changed unless everything is known to be right.
  if (!(await git.isClean())) {
    throw new ActionError(
      `The work tree at ${git.dir} has uncommitted changes (${(await git.lines(['status', '--porcelain', '--untracked-files=no'])).slice(0, 5).join('; ')}). Run bump-next-beta on a clean checkout, before steps that modify files.`,
    );
  }
  // The branches are asked of the remote before anything is fetched: a wrong name changes nothing,
  // not even this clone.
  for (const [input, branch] of [
    ['dev-branch', opts.devBranch],
    ['fast-forward-from', opts.fastForwardFrom],
  ] as const) {
    if (branch && !(await git.remoteBranch(branch, remote))) {
      throw new InputError(
        input,
        `branch "${branch}" does not exist on ${remote}`,
        input === 'dev-branch'
          ? 'Check the branch name, or create the branch first.'
          : 'Check the branch name (Exegol releases to master in the wrapper, main in the images).',
      );
    }
  }
  const branches = await log.group('Fetching branches and tags', async () => {
    log.info(`history: ${await git.ensureHistory(remote)}`);
    return git.fetchBranches([opts.devBranch, ...(opts.fastForwardFrom ? [opts.fastForwardFrom] : [])], remote);
  });
  const devSha = branches[opts.devBranch];
  if (!devSha)
    throw new ActionError(`${opts.devBranch} disappeared from ${remote} while it was being fetched. Run again.`);

  // 2. The fast-forward, decided before anything is written.
  let base = devSha;
  let fastForward: BumpResult['fastForward'] = null;
  if (opts.fastForwardFrom) {
    const releaseSha = branches[opts.fastForwardFrom];
    if (!releaseSha)
      throw new ActionError(
        `${opts.fastForwardFrom} disappeared from ${remote} while it was being fetched. Run again.`,
      );
    if (await git.isAncestor(devSha, releaseSha)) {
      base = releaseSha;
      fastForward = { from: devSha, to: releaseSha, needed: devSha !== releaseSha, pushed: false };
      if (devSha === releaseSha)
        notes.push(`${opts.devBranch} is already at ${opts.fastForwardFrom} (${shortSha(releaseSha)}).`);
    } else if (await git.isAncestor(releaseSha, devSha)) {
      fastForward = { from: devSha, to: devSha, needed: false, pushed: false };
      notes.push(`${opts.devBranch} already contains ${opts.fastForwardFrom}: nothing to fast-forward.`);
    } else {
      const only = await git.lines(['log', '--format=%h %s', '-5', `${releaseSha}..${devSha}`]);
      // A release pull request merged by rebase or squash puts copies of dev's commits on the
      // release branch: nothing of dev is missing there, but dev is no longer its ancestor.
      const uncopied = (await git.lines(['cherry', releaseSha, devSha])).filter((l) => l.startsWith('+'));
      const sameFiles =
        (await git.raw(['diff', '--quiet', devSha, releaseSha, '--'], { allowFailure: true })).code === 0;
      if (!uncopied.length || sameFiles) {
        throw new ActionError(
          `Cannot fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}: ${opts.fastForwardFrom} has ${opts.devBranch}'s changes as copies of its commits (${only.join('; ')}), ` +
            `the way a pull request merged by rebase or squash lands, so ${opts.devBranch} is not behind it and cannot fast-forward. Nothing was pushed. ` +
            `Move ${opts.devBranch} to ${opts.fastForwardFrom} by hand (git push --force-with-lease=${opts.devBranch}:${devSha} origin ${releaseSha}:refs/heads/${opts.devBranch}), then run again; ` +
            `merge the release pull request with a merge commit next time.`,
        );
      }
      throw new ActionError(
        `Cannot fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}: ${opts.devBranch} has commits that ${opts.fastForwardFrom} lacks (${only.join('; ')}). ` +
          `Nothing was pushed. Merge ${opts.fastForwardFrom} into ${opts.devBranch} by hand (or drop fast-forward-from), then run again.`,
      );
    }
  }

  // Work on a local dev branch at the base; the files are read and written there.
  const originalHead = (await git.currentBranch()) ?? (await git.head());
  await git.raw(['checkout', '--quiet', '-B', opts.devBranch, base]);

  let done = false;
  try {
    const result = await bumpOnBase();
    done = true;
    return result;
  } finally {
    // A dry-run, or a refusal, leaves the checkout as it found it.
    if (opts.dryRun || !done) {
      await git.raw(['reset', '--quiet', '--hard', base]);
      await git.raw(['checkout', '--quiet', originalHead]);
    }
  }

  async function bumpOnBase(): Promise<BumpResult> {
    const files = readVersionFiles(opts.root, opts.rules, opts.rulesInput);
    const result: BumpResult = {
      operation: 'unchanged',
      previousVersion: files.current?.raw ?? '',
      nextVersion: '',
      released: null,
      fastForward,
      changes: [],
      commitSha: base,
      pushed: false,
      pullRequest: null,
      dryRun: opts.dryRun,
      notes,
    };

    // 3. The next version, from the release it follows.
    log.startGroup('Writing the next version');
    try {
      await writeNext(files, result);
    } finally {
      log.endGroup();
    }

    // 4. Commit, then push to dev, or fall back to a pull request.
    log.startGroup(`Pushing to ${opts.devBranch}`);
    try {
      return await pushOrPropose(result);
    } finally {
      log.endGroup();
    }
  }

  async function writeNext(files: ReturnType<typeof readVersionFiles>, result: BumpResult): Promise<void> {
    if (files.current) {
      const scheme: Scheme = opts.scheme === 'auto' ? files.current.scheme : opts.scheme;
      const released = await releasedVersion(files.current, scheme);
      result.released = { version: released.version.raw, source: released.source };
      let next: Version;
      try {
        next = parseVersion(nextPrerelease(released.version, { part: opts.part, pre: opts.pre }), scheme);
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError(
          'pre',
          e.message,
          'Choose the pre-release kind (or the version it follows) so that the next version is higher.',
        );
      }
      result.nextVersion = next.normalized;
      const order = compareVersions(files.current, next);
      if (order > 0 && !opts.force) {
        throw new ActionError(
          `The version files already hold ${files.current.raw}, ahead of ${next.normalized} (the next ${opts.pre} after ${released.version.raw}, ${released.source}). ` +
            `Nothing was changed. If ${next.normalized} is really wanted, set force: true; otherwise give the release it follows in "version".`,
        );
      }
      if (order > 0) notes.push(`force: writing ${next.normalized} over ${files.current.raw}, which was ahead of it.`);
      result.changes = writeNextVersion(opts.root, opts.rules, opts.rulesInput, next, opts.stableMarker);
      for (const c of result.changes)
        log.info(`${log.oneLine(c.file)}:${c.line} ${log.oneLine(c.from)} → ${log.oneLine(c.to)}`);
      if (result.changes.length === 0) notes.push(`The files already hold ${next.normalized}: nothing to commit.`);
    } else {
      notes.push('The rules declare no version file (images): there is no version to bump.');
    }
  }

  async function pushOrPropose(result: BumpResult): Promise<BumpResult> {
    const message = fill(opts.commitMessage, result.nextVersion);
    const needsFastForward = fastForward?.needed === true;
    let sha: string | null = null;
    if (result.changes.length) {
      sha = await git.commit(
        message,
        opts.identity,
        result.changes.map((c) => c.file),
      );
      result.commitSha = sha ?? base;
    }
    if (opts.dryRun) {
      result.operation = sha
        ? opts.mode === 'pull-request'
          ? 'pull-request'
          : 'bumped'
        : needsFastForward
          ? 'fast-forwarded'
          : 'unchanged';
      notes.push('dry-run: nothing was pushed and no pull request was opened.');
      return result;
    }
    if (!sha && !needsFastForward) return result;

    let protectedReason = '';
    if (opts.mode === 'push') {
      if (needsFastForward) {
        const ff = await git.pushBranch(fastForward!.to, opts.devBranch, { remote });
        if (ff.pushed) {
          fastForward!.pushed = true;
          result.pushed = true;
        } else if (ff.reason === 'protected') {
          protectedReason = ff.message;
        } else if (ff.reason === 'unauthorized') {
          throw new ActionError(
            `Fast-forwarding ${opts.devBranch} was refused: ${reasonLine(ff.message)}. Nothing was pushed. ${unauthorizedPushFix('github-token')}`,
            { input: 'github-token' },
          );
        } else {
          throw new ActionError(
            `Could not fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}: ${ff.message}. Nothing else was pushed; run again.`,
          );
        }
      }
      if (sha && !protectedReason) {
        const pushed = await git.pushWithRetry(opts.devBranch, {
          remote,
          attempts: opts.attempts,
          identity: opts.identity,
        });
        if (pushed.pushed) {
          result.pushed = true;
          result.commitSha = pushed.sha;
          if (pushed.attempts > 1)
            notes.push(`${opts.devBranch} moved meanwhile: rebased and pushed on attempt ${pushed.attempts}.`);
          result.operation = 'bumped';
          return result;
        }
        if (pushed.reason === 'unauthorized') {
          throw new ActionError(
            `Pushing to ${opts.devBranch} was refused: ${reasonLine(pushed.message)}. ${unauthorizedPushFix('github-token')}`,
            { input: 'github-token' },
          );
        }
        if (pushed.reason !== 'protected') {
          throw new ActionError(
            `Could not push to ${opts.devBranch} after ${pushed.attempts} attempt(s): ${pushed.message}. Run again, or set mode: pull-request.`,
          );
        }
        protectedReason = pushed.message;
      }
      if (!protectedReason) {
        result.operation = 'fast-forwarded';
        return result;
      }
      notes.push(
        `${opts.devBranch} is protected (${firstLine(protectedReason)}): proposing the change in a pull request instead.`,
      );
    }

    // 5. The pull request: one branch, one PR, updated on a re-run.
    if (!opts.openPullRequest) {
      throw new InputError(
        'github-token',
        `is empty, but ${opts.mode === 'pull-request' ? 'mode is pull-request' : `${opts.devBranch} is protected`} and a pull request must be opened`,
        'Pass a token with contents: write and pull-requests: write.',
      );
    }
    const head = fill(opts.pullRequest.branch, result.nextVersion || shortSha(base));
    const existing = (await git.fetchBranches([head], remote))[head];
    let headSha = await git.head();
    if (existing && (await sameChange(existing, headSha))) {
      headSha = existing;
      notes.push(`Branch ${head} already holds this change.`);
    } else {
      const pushed = await git.pushBranch('HEAD', head, { remote, force: true });
      if (!pushed.pushed) throw new ActionError(`Could not push the pull request branch ${head}: ${pushed.message}.`);
      result.pushed = true;
    }
    result.commitSha = headSha;
    // Without a version file (images) the pull request only fast-forwards dev.
    const title = result.nextVersion
      ? fill(opts.pullRequest.title, result.nextVersion)
      : `Fast-forward ${opts.devBranch} to ${opts.fastForwardFrom}`;
    const body = pullRequestBody(result, opts, head);
    result.pullRequest = await completingPullRequest(head, () =>
      opts.openPullRequest!({ base: opts.devBranch, head, title, body }),
    );
    // The branch held the change and had no pull request: an earlier run stopped in between.
    if (!result.pushed && result.pullRequest.operation === 'created')
      notes.push(completedNote(head, result.pullRequest.number));
    result.operation = result.pullRequest.operation === 'unchanged' && !result.pushed ? 'unchanged' : 'pull-request';
    if (!result.pullRequest.triggersWorkflows) {
      notes.push(
        `Pull request #${result.pullRequest.number} was opened with the workflow's GITHUB_TOKEN: GitHub does not run workflows on it. Pass a personal or GitHub App token as github-token for checks to run.`,
      );
    }
    return result;
  }

  /**
   * The release the next beta follows: the given one; else the higher of the files' version (when
   * it is a final: dev was just fast-forwarded to the release) and the highest final version tag
   * reachable from dev (when the files already hold a beta, or lag behind the last tag).
   */
  async function releasedVersion(current: Version, scheme: Scheme): Promise<{ version: Version; source: string }> {
    if (opts.released) {
      const raw = opts.released.value.startsWith(opts.tagPrefix)
        ? opts.released.value.slice(opts.tagPrefix.length)
        : opts.released.value;
      try {
        return { version: parseVersion(raw, scheme), source: opts.released.source };
      } catch (e) {
        if (!(e instanceof VersionError)) throw e;
        throw new InputError(opts.released.input ?? 'version', e.message, 'Give the released version, like 4.3.5.');
      }
    }
    let inScheme: Version;
    try {
      inScheme = parseVersion(current.raw, scheme);
    } catch (e) {
      if (!(e instanceof VersionError)) throw e;
      throw new InputError(
        'version-format',
        `is ${scheme}, but the files hold ${current.raw}`,
        'Set version-format to the form the files use, or auto.',
      );
    }
    // `base` is what the local dev branch was checked out at: its HEAD.
    const tag = highestVersionTag(
      { mergedIntoHead: await git.tagsMergedInto(base) },
      { prefix: opts.tagPrefix, scheme, stableOnly: true },
    );
    // The files' final wins a tie: a tag must be above it to be the release followed.
    const fromFiles = current.isPrerelease ? null : inScheme;
    if (tag && (!fromFiles || compareVersions(tag.version, fromFiles) > 0))
      return { version: tag.version, source: `release tag ${tag.tag}` };
    if (fromFiles) return { version: fromFiles, source: 'the version files' };
    throw new InputError(
      'version',
      `is empty and no release tag is reachable from ${opts.devBranch}, while the files hold the pre-release ${current.raw}`,
      'Give the released version the next beta follows, like 4.3.5.',
    );
  }

  /** The remote PR branch already makes the same change on the same base. */
  async function sameChange(existing: string, local: string): Promise<boolean> {
    const [a, b] = await Promise.all([
      git.out(['rev-parse', `${existing}^{tree}`, `${existing}^`]),
      git.out(['rev-parse', `${local}^{tree}`, `${local}^`]),
    ]);
    return a === b;
  }
}

function pullRequestBody(result: BumpResult, opts: BumpNextBetaOptions, head: string): string {
  const lines = [
    result.nextVersion
      ? `Sets the next version, **${result.nextVersion}**, after ${result.released?.version ?? 'the release'}.`
      : '',
    fastForward(result, opts),
    '',
    ...result.changes.map((c) => `- \`${c.file}\` line ${c.line}: \`${c.from}\` → \`${c.to}\``),
    '',
    `Opened by bump-next-beta from branch \`${head}\`; running it again updates this pull request.`,
  ];
  return (
    lines
      .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
      .join('\n')
      .trim() + '\n'
  );
}

function fastForward(result: BumpResult, opts: BumpNextBetaOptions): string {
  const ff = result.fastForward;
  if (!ff?.needed || ff.pushed) return '';
  return `Includes the fast-forward of \`${opts.devBranch}\` to \`${opts.fastForwardFrom}\` (${shortSha(ff.from)} → ${shortSha(ff.to)}), which could not be pushed directly.`;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => /protected|GH0|declined|rule/i.test(l))
      ?.replace(/^remote:\s*/, '')
      .trim() ?? text.split('\n')[0]!
  );
}
