// sync-submodules: moves submodules to the tip of the branch they follow and records that in one
// commit (pushed, or proposed in a pull request), or only says which are behind (check). Every
// question that can fail (is it a submodule, can its remote be reached, does the branch exist) is
// asked before anything is fetched, and everything is fetched before anything is committed, so a
// fault leaves the repository as it was.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ActionError, InputError, type SourceLocation } from '../action/index.ts';
import { reasonLine } from '../exec/index.ts';
import { Git, unauthorizedPushFix, type SubmoduleEntry, type WorkTreeChange } from '../git/index.ts';
import { NetworkError } from '../net/index.ts';
import { completedNote } from '../github/index.ts';
import { lastLine } from '../text/index.ts';
import { gitmodulesLocations, type GitmodulesLocation } from './gitmodules.ts';
import { commitMessage, pullRequestBody, submoduleCheck } from './report.ts';
import type { BranchOverrides, SubmoduleReport, SyncOperation, SyncOptions, SyncResult } from './types.ts';
import { describeGitError, mapLimit, safeUrl, short } from './util.ts';

export { syncFork, type ForkOptions, type ForkResult } from './fork.ts';
export { expandStamp, pullRequestOpener, unknownPlaceholders } from './pull-request.ts';
export { repositoryOfUrl, type ForkApiSettings } from './fork-api.ts';
export { safeUrl, short } from './util.ts';
export { commitMessage, pullRequestBody, submodulesJson, submodulesTable, workTreeCounts } from './report.ts';
export type * from './types.ts';

// Partial clones: commits and trees for counting and describing, file contents only for what is
// checked out. A server that does not support filters sends everything, which is also correct.
const FILTER = 'blob:none';
// Remotes asked and fetched at once: the resources repository has 18 submodules.
const PARALLEL = 4;

export async function syncSubmodules(opts: SyncOptions): Promise<SyncResult> {
  const log = opts.log ?? (() => {});
  const warn = opts.warn ?? log;
  const checkout = await Git.open(opts.root, { env: opts.env });
  const git = checkout.with(opts.pushAuth ?? {});
  const fetcher = checkout.with(opts.fetchAuth ?? {});
  const writes = opts.mode !== 'check';

  const declared = await git.submodules();
  if (!declared.length && opts.paths.length) {
    throw new InputError(
      'paths',
      `"${opts.paths[0]}" is not a submodule: ${git.dir} declares none (no .gitmodules entry with a path)`,
      'Check the working directory, or leave paths empty.',
    );
  }
  if (!declared.length) {
    throw new ActionError(
      `${git.dir} declares no submodules (no .gitmodules entry with a path): there is nothing to ${opts.mode === 'check' ? 'check' : 'update'}.`,
    );
  }
  const selected = selectSubmodules(declared, opts.paths, warn);
  checkBranchOverrides(opts.branches, selected);
  const locations = gitmodulesLocations(path.join(git.dir, '.gitmodules'));

  const target = writes ? await writableBranch(git, opts) : null;
  const superBranch = target ?? opts.branch ?? (await git.currentBranch());

  // 1. The tips, asked of each remote: fails on an unreachable URL or a missing branch before
  //    anything is fetched or changed.
  await fetcher.submoduleInit(selected.map((s) => s.path));
  const plans = await mapLimit(selected, PARALLEL, async (entry) => {
    const url = (await fetcher.submoduleUrl(entry.name)) ?? entry.url;
    return resolveTip(fetcher, entry, url, opts.branches, superBranch, locations.get(entry.name), null);
  });

  // 2. Their history, to count commits and name tags.
  await cloneMissing(fetcher, plans);
  const reports = await mapLimit(plans, PARALLEL, (plan) => {
    log(`${plan.fullPath}: fetching ${plan.branch}`);
    return measure(fetcher, plan);
  });

  const moves = reports.filter((r) => r.behind > 0);
  for (const r of moves.filter((m) => m.ahead > 0)) {
    warn(
      `${r.path}: the recorded commit ${short(r.from)} has ${r.ahead} commit(s) that are not on ${r.branch}; moving to the tip leaves them out.`,
    );
  }
  // 3. Move them (not in a check or a dry run); the nested ones follow what their parents record.
  const apply = writes && !opts.dryRun;
  for (const r of moves) {
    // A check reports where an update would move each one.
    r.to = r.tip;
    r.behindAfter = 0;
    if (apply) await fetcher.submodule(r.path).checkout(r.tip);
    r.tag = await fetcher.submodule(r.path).describe(r.tip);
  }
  if (opts.recursive) {
    for (const r of [...reports]) reports.push(...(await nestedReports(fetcher, r, opts, apply, log)));
  }

  const checks = reports.map((r) => submoduleCheck(r, opts.mode === 'check' ? opts.onBehind : 'moved'));
  // What the earlier steps changed besides the submodules this run moves.
  const workTree =
    writes && opts.includeWorkTree
      ? (await git.workTreeChanges()).filter((c) => !moves.some((m) => m.path === c.path))
      : [];
  const changed = moves.length > 0 || workTree.length > 0;
  const base: SyncResult = {
    mode: opts.mode,
    submodules: reports,
    changed,
    operation: 'unchanged',
    commitSha: null,
    commitMessage: null,
    pushedTo: null,
    pullRequest: null,
    checks,
    ok: true,
    workTree,
  };
  if (opts.mode === 'check') {
    return { ...base, operation: changed ? 'behind' : 'unchanged', ok: !checks.some((c) => c.status === 'fail') };
  }
  if (!changed) {
    log(
      `Every selected submodule is at the tip of its branch${opts.includeWorkTree ? ' and the work tree has no other change' : ''}: nothing to commit.`,
    );
    return base;
  }
  const message = commitMessage(opts.commitMessage, moves, workTree);
  // With the work tree, everything `git add --all` sees; else the moved gitlinks only.
  const paths = opts.includeWorkTree ? ['.'] : moves.map((m) => m.path);
  if (opts.dryRun) {
    log(`Dry run: would commit\n${message}`);
    return {
      ...base,
      operation: 'dry-run',
      commitMessage: message,
      pushedTo: opts.mode === 'update' ? target : (opts.pullRequest?.branch ?? null),
    };
  }

  if (opts.mode === 'pull-request') {
    const pr = opts.pullRequest;
    if (!pr) throw new Error('pull-request mode without pull request settings');
    return { ...base, ...(await proposeUpdate(git, opts, target!, pr, moves, workTree, paths, message, log)) };
  }

  const sha = await git.commit(message, opts.identity, paths);
  if (!sha) throw new Error('the submodules moved but git found nothing to commit');
  const pushed = await git.pushWithRetry(target!, { attempts: opts.pushAttempts, identity: opts.identity });
  if (!pushed.pushed) {
    if (pushed.reason === 'protected') {
      throw new ActionError(
        `Pushing to ${target} was refused by branch protection: ${lastLine(pushed.message)}. Use mode: pull-request to propose the update instead.`,
      );
    }
    if (pushed.reason === 'unauthorized') {
      throw new ActionError(
        `Pushing to ${target} was refused: ${reasonLine(pushed.message)}. Nothing was pushed. ${unauthorizedPushFix('github-token')}`,
        { input: 'github-token' },
      );
    }
    throw new ActionError(
      `Could not push to ${target} after ${pushed.attempts} attempt(s): ${reasonLine(pushed.message)}. Nothing was pushed; the commit stays in this checkout only. Re-run to start again from the branch as it is now.`,
    );
  }
  log(
    `Pushed ${short(pushed.sha)} to ${target}${pushed.attempts > 1 ? ` (after ${pushed.attempts - 1} rebase(s) onto a branch that moved)` : ''}.`,
  );
  return { ...base, operation: 'pushed', commitSha: pushed.sha, commitMessage: message, pushedTo: target };
}

/** The submodules to work on, by path: the names in .gitmodules differ from the paths in older trees. */
function selectSubmodules(
  declared: SubmoduleEntry[],
  paths: string[],
  warn: (line: string) => void,
): (SubmoduleEntry & { gitlink: string })[] {
  const known = declared.map((d) => d.path).join(', ');
  if (!paths.length) {
    const usable = declared.filter((d): d is SubmoduleEntry & { gitlink: string } => d.gitlink !== null);
    for (const d of declared.filter((x) => x.gitlink === null))
      warn(`.gitmodules declares "${d.name}" at ${d.path}, but HEAD records no submodule commit there: skipped.`);
    return usable;
  }
  const out: (SubmoduleEntry & { gitlink: string })[] = [];
  for (const raw of paths) {
    const p = normalizePath(raw);
    const entry = declared.find((d) => d.path === p);
    if (!entry)
      throw new InputError(
        'paths',
        `"${raw}" is not a submodule (the submodules are: ${known})`,
        'Give submodule paths as .gitmodules lists them.',
      );
    if (entry.gitlink === null)
      throw new InputError(
        'paths',
        `"${raw}" is declared in .gitmodules, but HEAD records no submodule commit at that path`,
        'Add the submodule (git submodule add) or remove the stale .gitmodules entry.',
      );
    if (!out.includes(entry as SubmoduleEntry & { gitlink: string }))
      out.push(entry as SubmoduleEntry & { gitlink: string });
  }
  return out;
}

function checkBranchOverrides(branches: BranchOverrides, selected: SubmoduleEntry[]): void {
  for (const p of Object.keys(branches.byPath)) {
    const top = selected.some((s) => s.path === p);
    const nested = selected.some((s) => p.startsWith(`${s.path}/`));
    if (!top && !nested) {
      throw new InputError(
        branches.input,
        `"${p}" is not one of the selected submodules (${selected.map((s) => s.path).join(', ')})`,
        'Write entries as <submodule path>=<branch>.',
      );
    }
  }
}

function normalizePath(p: string): string {
  return p.replace(/^\.\/+/, '').replace(/\/+$/, '');
}

/** The branch to write to: named, or the checked-out one; and a work tree with nothing uncommitted. */
async function writableBranch(git: Git, opts: SyncOptions): Promise<string> {
  const dirty = opts.includeWorkTree ? [] : await git.changedFiles();
  if (dirty.length) {
    throw new ActionError(
      `The work tree has uncommitted changes (${dirty.slice(0, 10).join(', ')}${dirty.length > 10 ? ', …' : ''}): the update commit would mix them in. Commit or discard them first, run this step before the steps that change files, or set include-work-tree: true to propose them with the submodules.`,
    );
  }
  const branch = opts.branch ?? (await git.currentBranch());
  if (!branch) {
    throw new InputError(
      'branch',
      `HEAD is detached at ${short(await git.head())} and no branch is named, so there is no branch to ${opts.mode === 'pull-request' ? 'propose the update into' : 'push the update to'}`,
      'Check out a branch (actions/checkout with ref: <branch>) or name it in "branch".',
    );
  }
  return branch;
}

interface TipPlan {
  entry: SubmoduleEntry & { gitlink: string };
  /** Path from the superproject's root. */
  fullPath: string;
  url: string;
  branch: string;
  branchFrom: SubmoduleReport['branchFrom'];
  tip: string;
  parent: string | null;
  location?: SourceLocation;
}

async function resolveTip(
  git: Git,
  entry: SubmoduleEntry & { gitlink: string },
  url: string,
  overrides: BranchOverrides,
  parentBranch: string | null,
  location: GitmodulesLocation | undefined,
  parent: string | null,
): Promise<TipPlan> {
  const fullPath = parent ? `${parent}/${entry.path}` : entry.path;
  const where: SourceLocation | undefined = location
    ? { file: location.file, line: location.branch ?? location.header }
    : undefined;
  const unreachable = (error: unknown): ActionError =>
    new ActionError(
      // A stall already names the host, the limit and the input to raise; the url may be right.
      error instanceof NetworkError
        ? `Submodule "${fullPath}" (${safeUrl(url)}): ${error.message}`
        : `Submodule "${fullPath}": cannot reach ${safeUrl(url)}: ${describeGitError(error)}. Check its url in .gitmodules; for a private repository give "fetch-token" or "fetch-ssh-key".`,
      { location: location ? { file: location.file, line: location.url ?? location.header } : undefined, cause: error },
    );

  let branch = overrides.byPath[fullPath] ?? (parent ? undefined : overrides.all);
  let branchFrom: SubmoduleReport['branchFrom'] = 'input';
  if (!branch && entry.branch) {
    branchFrom = '.gitmodules';
    branch = entry.branch;
    if (branch === '.') {
      // git's convention: follow the branch of the same name as the superproject's.
      if (!parentBranch)
        throw new ActionError(
          `Submodule "${fullPath}" follows the superproject's branch (branch = .), but HEAD is detached. Check out a branch or name one in "branch".`,
          { location: where },
        );
      branch = parentBranch;
    }
  }
  if (!branch) {
    branchFrom = 'remote default branch';
    try {
      branch = (await git.remoteDefaultBranch(url)) ?? undefined;
    } catch (error) {
      throw unreachable(error);
    }
    if (!branch)
      throw new ActionError(
        `Submodule "${fullPath}": ${safeUrl(url)} names no default branch. Set branch = in .gitmodules or name one in "${overrides.input}".`,
        { location: where },
      );
  }

  let refs: Map<string, string>;
  try {
    refs = await git.lsRemote(url, { heads: true, patterns: [`refs/heads/${branch}`] });
  } catch (error) {
    throw unreachable(error);
  }
  const tip = refs.get(`refs/heads/${branch}`);
  if (!tip) {
    if (branchFrom === 'input') {
      throw new InputError(
        overrides.input,
        `submodule "${fullPath}": ${safeUrl(url)} has no branch "${branch}"`,
        "Name a branch that exists in the submodule's repository.",
      );
    }
    throw new ActionError(
      `Submodule "${fullPath}" follows branch "${branch}" (${branchFrom}), which ${safeUrl(url)} does not have. Fix branch = in .gitmodules, or name the branch in "${overrides.input}".`,
      { location: where },
    );
  }
  return { entry, fullPath, url, branch, branchFrom, tip, parent, location: where };
}

/**
 * Clones the submodules not checked out yet, at the commits recorded, several at a time. Those
 * already checked out are left at the commit they have.
 */
async function cloneMissing(git: Git, plans: TipPlan[]): Promise<void> {
  const missing = plans.filter((p) => !fs.existsSync(path.join(git.dir, p.entry.path, '.git')));
  if (!missing.length) return;
  const all = await git
    .submoduleUpdate(
      missing.map((p) => p.entry.path),
      { init: true, filter: FILTER, jobs: PARALLEL },
    )
    .then(
      () => true,
      () => false,
    );
  if (all) return;
  // One of them failed: one at a time, to say which.
  for (const plan of missing) {
    try {
      await git.submoduleUpdate([plan.entry.path], { init: true, filter: FILTER });
    } catch (error) {
      throw new ActionError(
        `Submodule "${plan.fullPath}": could not check out the recorded commit ${short(plan.entry.gitlink)} from ${safeUrl(plan.url)}: ${describeGitError(error)}. If that commit was removed from the submodule's repository, move the submodule by hand once.`,
        { cause: error },
      );
    }
  }
}

/** Fetches a (checked-out) submodule's branch and tags, and counts how far behind it is. */
async function measure(git: Git, plan: TipPlan): Promise<SubmoduleReport> {
  const { entry } = plan;
  const sub = git.submodule(entry.path);
  try {
    await sub.fetch('origin', [`+refs/heads/${plan.branch}:refs/remotes/origin/${plan.branch}`], {
      tags: true,
      unshallow: await sub.isShallow(),
    });
  } catch (error) {
    throw new ActionError(
      `Submodule "${plan.fullPath}": fetching ${plan.branch} from ${safeUrl(plan.url)} failed: ${describeGitError(error)}.`,
      { cause: error },
    );
  }
  // The branch may have moved since it was asked for: the fetched tip is the one to use.
  const tip = (await sub.revParse(`refs/remotes/origin/${plan.branch}`)) ?? plan.tip;
  if (!(await ensureCommit(sub, entry.gitlink))) {
    throw new ActionError(
      `Submodule "${plan.fullPath}": the recorded commit ${short(entry.gitlink)} is not in ${safeUrl(plan.url)} any more. Move the submodule by hand once (git -C ${plan.fullPath} checkout <commit>; git add ${plan.fullPath}).`,
    );
  }
  const behind = await sub.countCommits(entry.gitlink, tip);
  const ahead = await sub.countCommits(tip, entry.gitlink);
  return {
    path: plan.fullPath,
    name: entry.name,
    branch: plan.branch,
    branchFrom: plan.branchFrom,
    from: entry.gitlink,
    to: entry.gitlink,
    tip,
    behind,
    behindAfter: behind,
    ahead,
    tag: await sub.describe(entry.gitlink),
    parent: plan.parent,
    location: plan.location,
  };
}

/**
 * The submodules of a submodule: checked out at what their parent records (after the parent moved,
 * when it did), and measured against their own branches. Their gitlinks live in the parent's
 * repository, which this run does not commit to, so they are reported, never moved.
 */
async function nestedReports(
  superproject: Git,
  parent: SubmoduleReport,
  opts: SyncOptions,
  apply: boolean,
  log: (line: string) => void,
): Promise<SubmoduleReport[]> {
  const sub = superproject.submodule(parent.path);
  const declared = await sub.submodules(parent.to);
  const usable = declared.filter((d): d is SubmoduleEntry & { gitlink: string } => d.gitlink !== null);
  if (!usable.length) return [];
  const before =
    parent.to === parent.from
      ? null
      : await sub.gitlinks(
          parent.from,
          usable.map((d) => d.path),
        );
  if (apply) await sub.submoduleUpdate([], { init: true, recursive: true, filter: FILTER });
  else await sub.submoduleInit(usable.map((u) => u.path));
  const locations = gitmodulesLocations(path.join(sub.dir, '.gitmodules'), parent.path);
  const out: SubmoduleReport[] = [];
  for (const entry of usable) {
    const url = (await sub.submoduleUrl(entry.name)) ?? entry.url;
    const plan = await resolveTip(
      sub,
      entry,
      url,
      opts.branches,
      parent.branch,
      locations.get(entry.name),
      parent.path,
    );
    log(`${plan.fullPath}: fetching ${plan.branch}`);
    await cloneMissing(sub, [plan]);
    const report = await measure(sub, plan);
    // Before the parent moved it recorded another commit here: that is where this one came from.
    const previous = before?.get(entry.path);
    if (previous && previous !== report.from) {
      const nested = sub.submodule(entry.path);
      report.to = report.from;
      report.from = previous;
      if (await ensureCommit(nested, previous)) {
        report.behind = await nested.countCommits(previous, report.tip);
        report.ahead = await nested.countCommits(report.tip, previous);
      }
      report.tag = await nested.describe(report.to);
    }
    report.behindAfter = await sub.submodule(entry.path).countCommits(report.to, report.tip);
    out.push(report);
    out.push(...(await nestedReports(superproject, report, opts, apply, log)));
  }
  return out;
}

/** Whether a commit is in the repository, fetching it by id when it is not (GitHub allows that). */
async function ensureCommit(git: Git, sha: string): Promise<boolean> {
  if (await git.revParse(sha)) return true;
  await git.fetch('origin', [sha]).catch(() => undefined);
  return (await git.revParse(sha)) !== null;
}

/**
 * Pull-request mode: the update is committed on the head branch (one per stamp, so a second run
 * the same day replaces its content and updates the same PR), pushed with a lease, and proposed.
 */
async function proposeUpdate(
  git: Git,
  opts: SyncOptions,
  base: string,
  pr: NonNullable<SyncOptions['pullRequest']>,
  moves: SubmoduleReport[],
  workTree: WorkTreeChange[],
  paths: string[],
  message: string,
  log: (line: string) => void,
): Promise<Partial<SyncResult>> {
  const start = await git.head();
  // The same commit: the work tree's changes stay as they are.
  await git.checkout(start, { branch: pr.branch });
  const sha = await git.commit(message, opts.identity, paths);
  if (!sha) throw new Error('the submodules moved but git found nothing to commit');

  let pushed = false;
  for (let attempt = 1; ; attempt++) {
    const existing = await git.remoteBranch(pr.branch);
    if (existing && existing !== sha) {
      await git.fetch('origin', [`+refs/heads/${pr.branch}:refs/remotes/origin/${pr.branch}`]);
      // The same update already proposed from the same base: leave the branch alone.
      const sameTree = (await git.treeOf(existing)) === (await git.treeOf(sha));
      const sameBase = (await git.revParse(`${existing}^`)) === start;
      if (sameTree && sameBase) {
        log(`${pr.branch} already holds this update (${short(existing)}).`);
        await git.resetHard(existing);
        break;
      }
    }
    if (existing === sha) break;
    const outcome = await git.pushBranch('HEAD', pr.branch, { lease: existing });
    if (outcome.pushed) {
      pushed = true;
      log(`Pushed ${short(sha)} to ${pr.branch}${existing ? ` (replacing ${short(existing)})` : ''}.`);
      break;
    }
    if (outcome.reason === 'unauthorized') {
      throw new ActionError(
        `Pushing the update to ${pr.branch} was refused: ${reasonLine(outcome.message)}. Nothing was proposed. ${unauthorizedPushFix('github-token')}`,
        { input: 'github-token' },
      );
    }
    if (outcome.reason === 'protected' || attempt >= opts.pushAttempts) {
      throw new ActionError(
        `Could not push the update to ${pr.branch}: ${lastLine(outcome.message)}. Nothing was proposed. Re-run to start again.`,
      );
    }
    log(`${pr.branch} moved while pushing; trying again.`);
  }
  const headSha = await git.head();
  const body = pullRequestBody(moves, workTree);
  // pr.open's own error already says the branch is pushed and a re-run finds it.
  const outcome = await pr.open({ base, head: pr.branch, title: pr.title, body });
  log(`Pull request #${outcome.number} ${outcome.operation}: ${outcome.url}`);
  const operation: SyncOperation =
    outcome.operation === 'created'
      ? 'pull-request-created'
      : pushed || outcome.operation === 'updated'
        ? 'pull-request-updated'
        : 'pull-request-unchanged';
  const completed = !pushed && outcome.operation === 'created' ? completedNote(pr.branch, outcome.number) : undefined;
  if (completed) log(completed);
  return {
    operation,
    commitSha: headSha,
    commitMessage: message,
    pushedTo: pr.branch,
    pullRequest: outcome,
    ...(completed ? { completed } : {}),
  };
}
