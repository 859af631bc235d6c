// The publish step, through git: a commit pushed to the branch, or a head branch per key and its
// pull request. The plan is computed again on the tip it is published to, so what is committed
// is always the change applied to the branch as it is. Credentials live in this process's
// configuration only.
import * as path from 'node:path';
import { ActionError, InputError } from '../action/index.ts';
import { reasonLine } from '../exec/index.ts';
import {
  ACTIONS_IDENTITY,
  authConfig,
  Git,
  unauthorizedPushFix,
  writeSshKeyFile,
  type ReplayOutcome,
} from '../git/index.ts';
import type { PullRequestRef } from '../github/index.ts';
import { lastLine, shortSha } from '../text/index.ts';
import { docsReader, writePlan } from './docs-tree.ts';
import { planFiles, summarize } from './plan.ts';
import type { ToolsTarget } from './target.ts';
import type { CheckedSource, ExportOptions, Plan, PlanSummary, Published } from './types.ts';

/** A publication under way: the docs checkout, opened with the credentials, on the branch's tip. */
interface Publication {
  opts: ExportOptions;
  src: CheckedSource;
  git: Git;
  /** The branch's tip when the run fetched it. */
  tip: string;
  shallow: boolean;
  log: (message: string) => void;
}

export async function publish(
  opts: ExportOptions,
  src: CheckedSource,
  tempDir: string,
  log: (message: string) => void,
): Promise<Published> {
  const sshKey = opts.auth?.sshKey ? writeSshKeyFile(opts.auth.sshKey, tempDir) : undefined;
  try {
    const git = await openDocs(opts.docs, {
      token: opts.auth?.token,
      serverUrl: opts.auth?.serverUrl,
      sshKeyFile: sshKey?.file,
    });
    const pullRequestTarget = opts.publish === 'pull-request' ? await pullRequestTargetOf(git, opts, src.target) : null;
    if (!(await git.isClean())) {
      throw new InputError(
        'docs-path',
        `${opts.docs} has uncommitted changes to tracked files`,
        'Give a fresh checkout of the docs repository: the action commits there and may move it to the branch it publishes to.',
      );
    }
    const shallow = await git.isShallow();
    const tip = await fetchBaseBranch(git, opts.branch, shallow);
    const publication: Publication = { opts, src, git, tip, shallow, log };
    return pullRequestTarget
      ? await publishByPullRequest(publication, pullRequestTarget)
      : await publishByPush(publication);
  } finally {
    sshKey?.remove();
  }
}

async function fetchBaseBranch(git: Git, branch: string, shallow: boolean): Promise<string> {
  const tip = await git.fetchBranch(branch, { depth: shallow ? 1 : undefined }).catch((error: unknown) => {
    throw new ActionError(
      `Could not fetch ${branch} from the docs repository: ${lastLine(error instanceof Error ? error.message : String(error))}. Check that the token (or ssh-key, or the credentials the checkout kept) can read and push the docs repository.`,
      { cause: error },
    );
  });
  if (!tip)
    throw new InputError(
      'branch',
      `the docs repository has no branch ${JSON.stringify(branch)}`,
      'Create it, or publish to an existing branch.',
    );
  return tip;
}

/**
 * The plan computed again from the work tree as it is checked out now, written and committed
 * when it changes anything; `sha` is the commit (null when nothing was committed).
 */
async function commitPlan(p: Publication): Promise<{ plan: Plan; sha: string | null }> {
  const { opts, src, git } = p;
  const plan = await planFiles(src, docsReader(opts.docs), opts.docs);
  if (!plan.changed) return { plan, sha: null };
  writePlan(opts.docs, plan);
  const toRepo = (rel: string) => path.relative(git.dir, path.join(opts.docs, rel)).split(path.sep).join('/');
  const paths = plan.files.map((f) => toRepo(f.path));
  return { plan, sha: await git.commit(src.commitMessage, opts.identity ?? ACTIONS_IDENTITY, paths) };
}

/** Push mode: a commit on the branch's tip; when the branch moves meanwhile, the change applied again on its new tip. */
async function publishByPush(p: Publication): Promise<Published> {
  const { opts, git, tip, log } = p;
  const branch = opts.branch;
  // Start from the branch as it is now, whatever was checked out.
  if ((await git.head()) !== tip) {
    log(`Moving the docs checkout to ${branch} (${shortSha(tip)})`);
    await git.checkout(tip, { branch });
  }
  let { plan } = await commitPlan(p);
  if (!plan.changed) return { plan, operation: 'unchanged', commitSha: tip };
  const outcome = await git.pushReplaying(
    branch,
    async () => {
      log(`${branch} moved: applying the change again on its new tip`);
      const again = await commitPlan(p);
      plan = again.plan;
      return again.sha;
    },
    { attempts: opts.attempts ?? 3 },
  );
  if (outcome.pushed) return { plan, operation: 'pushed', commitSha: outcome.sha, pushAttempts: outcome.attempts };
  if (outcome.reason === 'superseded')
    return { plan, operation: 'unchanged', commitSha: await git.head(), pushAttempts: outcome.attempts };
  throw pushFailure(branch, outcome);
}

function pushFailure(branch: string, outcome: Extract<ReplayOutcome, { pushed: false }>): ActionError {
  if (outcome.reason === 'unauthorized') {
    return new ActionError(
      `Pushing to ${branch} of the docs repository was refused: ${reasonLine(outcome.message)}. ${unauthorizedPushFix('token')} (or give ssh-key)`,
      { input: 'token' },
    );
  }
  if (outcome.reason === 'protected') {
    return new ActionError(
      `${branch} of the docs repository refuses direct pushes (branch protection): ${lastLine(outcome.message)}. Set publish: pull-request, or allow the token or deploy key to push.`,
      { input: 'publish' },
    );
  }
  return new ActionError(
    `Pushing to ${branch} failed after ${outcome.attempts} attempt(s): ${lastLine(outcome.message)}. Re-run the job; if ${branch} keeps moving, raise push-attempts.`,
  );
}

/** Pull-request mode: a head branch per key, rebuilt from the base's tip at every run, and its pull request. */
async function publishByPullRequest(
  p: Publication,
  { head, repository }: { head: string; repository: string },
): Promise<Published> {
  const { src, git, tip } = p;
  await git.checkout(tip, { branch: head });
  const { plan, sha } = await commitPlan(p);
  if (!plan.changed) return { plan, operation: 'unchanged', commitSha: tip };
  // The head branch is this action's own: replaced when its content differs, left alone (no
  // new commit, no notification) when a re-run would give the same files.
  const remoteHead = await git.fetchBranch(head, { depth: p.shallow ? 1 : undefined });
  let pushed = false;
  if (!remoteHead || (await git.treeOf(remoteHead)) !== (await git.treeOf(sha!))) {
    const outcome = await git.pushBranch('HEAD', head, { lease: remoteHead });
    if (!outcome.pushed)
      throw new ActionError(
        `Pushing the pull request branch ${head} failed: ${lastLine(outcome.message)}. Re-run the job; if it keeps failing, check that the token or deploy key may push branches.`,
      );
    pushed = true;
  }
  const github = await import('../github/index.ts');
  const opened = await github.completingPullRequest(head, () =>
    openPullRequest(p, { head, repository }, pullRequestBody(src, summarize(src, plan))),
  );
  return {
    plan,
    operation:
      opened.operation === 'created'
        ? 'pull-request-created'
        : pushed || opened.operation === 'updated'
          ? 'pull-request-updated'
          : 'unchanged',
    commitSha: pushed ? sha! : remoteHead!,
    pullRequest: { number: opened.number, url: opened.url },
    ...(!pushed && opened.operation === 'created' ? { completed: github.completedNote(head, opened.number) } : {}),
  };
}

/** Opens the pull request from `head` into the branch, or updates the one already open. */
async function openPullRequest(
  { opts, src }: Publication,
  { head, repository }: { head: string; repository: string },
  body: string,
): Promise<PullRequestRef> {
  const github = await import('../github/index.ts');
  const settings = opts.pullRequest!;
  try {
    const client = await github.getGitHubClient({ token: settings.token, baseUrl: settings.apiUrl });
    return await github.openOrUpdatePullRequest(client, {
      repository,
      head,
      base: opts.branch,
      title: src.commitMessage,
      body,
      labels: settings.labels,
    });
  } catch (error) {
    throw new ActionError(
      `${github.describeGitHubError(error, { operation: `open or update the pull request from ${head} into ${opts.branch} of ${repository}`, needs: { pull_requests: 'write' } })}`,
      { cause: error },
    );
  }
}

/** The pull request's repository (input, else the checkout's origin on the server) and head branch. */
async function pullRequestTargetOf(
  git: Git,
  opts: ExportOptions,
  target: ToolsTarget | null,
): Promise<{ repository: string; head: string }> {
  const pr = opts.pullRequest;
  if (!pr?.token)
    throw new InputError(
      'token',
      'is empty, and pull-request mode opens the pull request through the API',
      'Pass a token with contents: write and pull-requests: write on the docs repository.',
    );
  let repository = pr.repository.trim();
  if (!repository) {
    const origin = (await git.remoteUrl('origin')) ?? '';
    const host = new URL(opts.auth?.serverUrl ?? 'https://github.com').host;
    const m = new RegExp(
      `^(?:https?://(?:[^@/]+@)?${host.replace(/\./g, '\\.')}/|git@${host.replace(/\./g, '\\.')}:|ssh://git@${host.replace(/\./g, '\\.')}/)([^/]+/[^/]+?)(?:\\.git)?/?$`,
    ).exec(origin);
    if (!m)
      throw new InputError(
        'docs-repository',
        `is empty and the checkout's origin (${origin.replace(/\/\/[^@/]+@/, '//') || 'none'}) is not a repository on ${host}`,
        'Give the docs repository as owner/name, e.g. ThePorgs/Exegol-docs.',
      );
    repository = m[1]!;
  }
  const { parseRepository } = await import('../github/index.ts');
  try {
    parseRepository(repository);
  } catch (error) {
    throw new InputError('docs-repository', (error as Error).message.replace(/\.$/, ''), 'Give it as owner/name.');
  }
  const prefix = pr.branchPrefix;
  const key = target
    ? `tools-list/${target.channel === 'nightly' ? `nightly_${target.arch}` : target.key}`
    : 'resources-list';
  const head = `${prefix}${key}`;
  const valid = await git.raw(['check-ref-format', `refs/heads/${head}`], { allowFailure: true });
  if (valid.code !== 0)
    throw new InputError(
      'pull-request-branch-prefix',
      `gives the branch name ${JSON.stringify(head)}, which git refuses`,
      'Use letters, digits, dashes, dots and slashes, like pipeline/.',
    );
  return { repository, head };
}

async function openDocs(dir: string, auth: { token?: string; serverUrl?: string; sshKeyFile?: string }): Promise<Git> {
  let git: Git;
  try {
    git = await Git.open(dir);
  } catch {
    throw new InputError(
      'docs-path',
      `${dir} is not a git checkout`,
      'Check out the docs repository there (actions/checkout with repository: and path:), or set publish: none.',
    );
  }
  // actions/checkout leaves its credentials for the server it fetched from (persist-credentials:
  // in .git/config up to v5, in a file included from it since v6); the docs checkout's are the
  // docs token, which the token input (github.token by default) may not be. Use them when they
  // apply to origin's URL; asked of git for that URL, so a header for another server, or none,
  // leaves the token input in charge.
  const origin = await git.remoteUrl('origin');
  const persisted = origin
    ? await git.raw(['config', '--get-urlmatch', 'http.extraheader', origin], { allowFailure: true })
    : null;
  const useToken = auth.token && !auth.sshKeyFile && !persisted?.stdout.trim();
  return Git.at(
    git.dir,
    authConfig({ token: useToken ? auth.token : undefined, serverUrl: auth.serverUrl, sshKeyFile: auth.sshKeyFile }),
  );
}

function pullRequestBody(src: CheckedSource, summary: PlanSummary): string {
  const { checked } = src;
  const lines = [
    `${src.commitMessage}.`,
    '',
    `- rows: ${checked.names.length}`,
    `- duplicate names: ${checked.duplicateCount}${checked.duplicates.length ? ` (${checked.duplicates.map((d) => d.name).join(', ')})` : ''}`,
    `- invalid rows dropped: ${checked.invalid.length}`,
  ];
  if (src.buildDate) lines.push(`- build date: ${src.buildDate}`);
  if (summary.previous) {
    lines.push(
      `- compared with ${summary.previous.label}: ${summary.added.length} added, ${summary.removed.length} removed`,
    );
    if (summary.added.length) lines.push(`  - added: ${summary.added.join(', ')}`);
    if (summary.removed.length) lines.push(`  - removed: ${summary.removed.join(', ')}`);
  }
  lines.push('', 'Opened by exegol/actions export-tool-list; a re-run for the same key updates this pull request.');
  return lines.join('\n');
}
