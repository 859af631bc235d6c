// Pull requests: kept in memory, their branches and merges real in the bare repository. The
// head may live in a fork registered in the same double (a cross-repository pull request): its
// commits are copied to `refs/pull/N/head` of the base repository, as GitHub keeps them there.
import {
  ApiError,
  notFound,
  validationFailed,
  type Operation,
  type OperationContext,
  type PullRequest,
  type RepoState,
} from '../model.ts';
import {
  issueLabels,
  nodeId,
  paginate,
  renderLabel,
  renderRepo,
  renderUser,
  repoApiUrl,
  repoHtmlUrl,
} from '../render.ts';
import { userIdentity, webFlowCommitter } from './identity.ts';

export function findPull(ctx: OperationContext, number: number): PullRequest {
  const pr = ctx.repo.pulls.find((p) => p.number === number);
  if (!pr) throw notFound();
  return pr;
}

function headRepoOf(ctx: OperationContext, pr: PullRequest): RepoState {
  return ctx.services.getRepo(pr.headRepo) ?? ctx.repo;
}

/**
 * GitHub keeps following the head branch while the pull request is open, and keeps its commit
 * at `refs/pull/N/head` of the base repository (for a fork's branch, the only copy there).
 */
async function refreshHead(ctx: OperationContext, pr: PullRequest): Promise<void> {
  if (pr.state !== 'open') return;
  const head = headRepoOf(ctx, pr);
  const ref = `refs/pull/${pr.number}/head`;
  const sha =
    head === ctx.repo
      ? await ctx.repo.git.resolveCommit(`refs/heads/${pr.headRef}`)
      : await ctx.repo.git.fetchRef(head.git.gitDir, pr.headRef, ref);
  if (!sha) return;
  pr.headSha = sha;
  if (head === ctx.repo && (await ctx.repo.git.resolveCommit(ref)) !== sha) await ctx.repo.git.forceRef(ref, sha);
}

async function renderPull(ctx: OperationContext, pr: PullRequest, full: boolean) {
  await refreshHead(ctx, pr);
  const baseSha = (await ctx.repo.git.resolveCommit(`refs/heads/${pr.baseRef}`)) ?? '';
  const api = `${repoApiUrl(ctx)}/pulls/${pr.number}`;
  const html = `${repoHtmlUrl(ctx)}/pull/${pr.number}`;
  const repo = renderRepo(ctx);
  const headRepo = headRepoOf(ctx, pr);
  const headRendered = headRepo === ctx.repo ? repo : renderRepo(ctx, headRepo);
  const side = (ref: string, sha: string, r: Record<string, unknown>, owner: string) => ({
    label: `${owner}:${ref}`,
    ref,
    sha,
    user: r.owner,
    repo: r,
  });
  const simple = {
    url: api,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoApiUrl(ctx)}/issues/${pr.number}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApiUrl(ctx)}/pulls/comments{/number}`,
    comments_url: `${repoApiUrl(ctx)}/issues/${pr.number}/comments`,
    statuses_url: `${repoApiUrl(ctx)}/statuses/${pr.headSha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: renderUser(ctx, pr.user),
    body: pr.body,
    labels: issueLabels(ctx, pr.number).map((l) => renderLabel(ctx, l)),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pr.headRef, pr.headSha, headRendered, headRepo.owner),
    base: side(pr.baseRef, baseSha, repo, ctx.repo.owner),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: `${repoApiUrl(ctx)}/issues/${pr.number}` },
      comments: { href: `${repoApiUrl(ctx)}/issues/${pr.number}/comments` },
      commits: { href: `${api}/commits` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApiUrl(ctx)}/pulls/comments{/number}` },
      statuses: { href: `${repoApiUrl(ctx)}/statuses/${pr.headSha}` },
    },
    author_association: 'MEMBER',
    auto_merge: null,
    draft: pr.draft,
  };
  if (!full) return simple;
  const merged = pr.mergedAt !== null;
  return {
    ...simple,
    merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.mergedBy ? renderUser(ctx, pr.mergedBy) : null,
    comments: ctx.repo.comments.filter((c) => c.issueNumber === pr.number).length,
    review_comments: 0,
    maintainer_can_modify: pr.maintainerCanModify,
    commits: pr.mergedCommits.length,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

/** The first repository of a fork network: forks share it with their parent. */
function networkRoot(ctx: OperationContext, repo: RepoState): RepoState {
  const seen = new Set<RepoState>();
  let r = repo;
  while (r.upstream && !seen.has(r)) {
    seen.add(r);
    r = ctx.services.getRepo(r.upstream) ?? r;
  }
  return r;
}

/**
 * `head` is `branch`, or `user:branch` for a branch of `user`'s fork in the same network;
 * `head_repo` names the fork when its owner is the base repository's (GitHub's description of
 * pulls/create). A head GitHub cannot find is `invalid`.
 */
function parseHead(ctx: OperationContext, head: string, headRepo?: string): { repo: RepoState; ref: string } {
  const colon = head.indexOf(':');
  const user = colon === -1 ? ctx.repo.owner : head.slice(0, colon);
  const ref = colon === -1 ? head : head.slice(colon + 1);
  const invalid = () => validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' });
  if (headRepo !== undefined) {
    const repo = ctx.services.getRepo(headRepo);
    if (!repo || networkRoot(ctx, repo) !== networkRoot(ctx, ctx.repo)) throw invalid();
    return { repo, ref };
  }
  if (user.toLowerCase() === ctx.repo.owner.toLowerCase()) return { repo: ctx.repo, ref };
  const root = networkRoot(ctx, ctx.repo);
  const fork = ctx.services
    .listRepos()
    .find((r) => r.owner.toLowerCase() === user.toLowerCase() && r !== ctx.repo && networkRoot(ctx, r) === root);
  if (!fork) throw invalid();
  return { repo: fork, ref };
}

function assertNoOpenDuplicate(
  ctx: OperationContext,
  headRepo: RepoState,
  headRef: string,
  baseRef: string,
  except?: PullRequest,
): void {
  const dup = ctx.repo.pulls.find(
    (p) =>
      p !== except &&
      p.state === 'open' &&
      p.headRepo.toLowerCase() === headRepo.fullName.toLowerCase() &&
      p.headRef === headRef &&
      p.baseRef === baseRef,
  );
  if (dup) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      message: `A pull request already exists for ${headRepo.owner}:${headRef}.`,
    });
  }
}

/**
 * GitHub's default squash message (https://docs.github.com/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/about-pull-request-merges):
 * one commit gives its own title and body; several give the pull request's title and the list
 * of their messages, oldest first.
 */
async function squashMessage(
  ctx: OperationContext,
  pr: PullRequest,
  commits: string[],
): Promise<{ title: string; body: string }> {
  const infos = await Promise.all(commits.map((sha) => ctx.repo.git.commit(sha)));
  const own = infos.filter((c) => c.parents.length < 2);
  if (own.length === 1) {
    const [subject, ...rest] = own[0]!.message.split('\n');
    return { title: `${subject} (#${pr.number})`, body: rest.join('\n').trim() };
  }
  return {
    title: `${pr.title} (#${pr.number})`,
    body: own
      .reverse()
      .map((c) => `* ${c.message.trim()}`)
      .join('\n\n'),
  };
}

export const pullOperations: Record<string, Operation> = {
  'pulls/list': {
    permissions: 'pull_requests=read',
    async handle(ctx) {
      const { state = 'open', head, base, sort = 'created' } = ctx.query;
      let pulls = ctx.repo.pulls.filter((p) => state === 'all' || p.state === state);
      if (head !== undefined) {
        if (!head.includes(':')) {
          ctx.warn(
            `pulls/list: head=${JSON.stringify(head)} has no "owner:" prefix; GitHub ignores such a filter and lists every pull request.`,
          );
        } else {
          const [owner, ref] = [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)];
          pulls = pulls.filter(
            (p) => p.headRepo.split('/')[0]!.toLowerCase() === owner.toLowerCase() && p.headRef === ref,
          );
        }
      }
      if (base !== undefined) pulls = pulls.filter((p) => p.baseRef === base);
      // GitHub's default direction is desc for `created`, asc for the other sorts.
      const direction = ctx.query.direction ?? (sort === 'created' ? 'desc' : 'asc');
      const key = (p: PullRequest) => (sort === 'updated' ? p.updatedAt : p.createdAt);
      pulls = [...pulls].sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
      if (direction === 'desc') pulls.reverse();
      const page = paginate(ctx, pulls);
      return { ...page, body: await Promise.all(page.body.map((p) => renderPull(ctx, p, false))) };
    },
  },

  'pulls/get': {
    permissions: 'pull_requests=read',
    async handle(ctx) {
      return { status: 200, body: await renderPull(ctx, findPull(ctx, Number(ctx.params.pull_number)), true) };
    },
  },

  'pulls/create': {
    permissions: 'pull_requests=write',
    async handle(ctx) {
      const body = ctx.body as {
        title?: string;
        head: string;
        head_repo?: string;
        base: string;
        body?: string;
        draft?: boolean;
        maintainer_can_modify?: boolean;
        issue?: number;
      };
      if (body.issue !== undefined)
        throw new ApiError(422, 'The GitHub double does not turn issues into pull requests.');
      if (body.title === undefined)
        throw validationFailed({ resource: 'PullRequest', field: 'title', code: 'missing_field' });
      const { repo: headRepo, ref: headRef } = parseHead(ctx, body.head, body.head_repo);
      const git = ctx.repo.git;
      const [headSha, baseSha] = await Promise.all([
        headRepo.git.resolveCommit(`refs/heads/${headRef}`),
        git.resolveCommit(`refs/heads/${body.base}`),
      ]);
      if (!baseSha) throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
      if (!headSha) throw validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' });
      assertNoOpenDuplicate(ctx, headRepo, headRef, body.base);
      // The head's commits must be in this repository to compare them (a fork's are not yet).
      const headRefOfPull = `refs/pull/${ctx.repo.nextNumber}/head`;
      if (headRepo !== ctx.repo && !(await git.fetchRef(headRepo.git.gitDir, headRef, headRefOfPull))) {
        throw validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' });
      }
      if ((await git.aheadBehind(baseSha, headSha)).ahead === 0) {
        throw validationFailed({
          resource: 'PullRequest',
          code: 'custom',
          message: `No commits between ${body.base} and ${headRef}`,
        });
      }
      const now = ctx.services.now();
      const pr: PullRequest = {
        id: ctx.services.nextId(),
        number: ctx.repo.nextNumber++,
        title: body.title,
        body: body.body ?? null,
        state: 'open',
        draft: body.draft ?? false,
        headRepo: headRepo.fullName,
        headRef,
        headSha,
        baseRef: body.base,
        user: ctx.user,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        mergedAt: null,
        mergeCommitSha: null,
        mergedBy: null,
        maintainerCanModify: body.maintainer_can_modify ?? true,
        mergedCommits: [],
        mergeMethod: null,
        landedCommits: [],
      };
      ctx.repo.pulls.push(pr);
      if (headRepo === ctx.repo) await git.forceRef(headRefOfPull, headSha);
      const rendered = await renderPull(ctx, pr, true);
      return { status: 201, body: rendered, headers: { location: rendered.url } };
    },
  },

  'pulls/update': {
    permissions: 'pull_requests=write',
    async handle(ctx) {
      const pr = findPull(ctx, Number(ctx.params.pull_number));
      const body = ctx.body as {
        title?: string;
        body?: string;
        state?: 'open' | 'closed';
        base?: string;
        maintainer_can_modify?: boolean;
      };
      if (body.base !== undefined && !(await ctx.repo.git.resolveCommit(`refs/heads/${body.base}`))) {
        throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
      }
      if (body.state === 'open' && pr.state === 'closed') {
        if (pr.mergedAt) throw new ApiError(422, 'Cannot reopen a merged pull request.');
        assertNoOpenDuplicate(ctx, headRepoOf(ctx, pr), pr.headRef, body.base ?? pr.baseRef, pr);
      }
      const now = ctx.services.now();
      if (body.title !== undefined) pr.title = body.title;
      if (body.body !== undefined) pr.body = body.body;
      if (body.base !== undefined) pr.baseRef = body.base;
      if (body.maintainer_can_modify !== undefined) pr.maintainerCanModify = body.maintainer_can_modify;
      if (body.state !== undefined && body.state !== pr.state) {
        await refreshHead(ctx, pr);
        pr.state = body.state;
        pr.closedAt = body.state === 'closed' ? now : null;
      }
      pr.updatedAt = now;
      return { status: 200, body: await renderPull(ctx, pr, true) };
    },
  },

  'pulls/merge': {
    permissions: 'contents=write',
    async handle(ctx) {
      const pr = findPull(ctx, Number(ctx.params.pull_number));
      const body = (ctx.body ?? {}) as {
        commit_title?: string;
        commit_message?: string;
        sha?: string;
        merge_method?: string;
      };
      if (pr.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable');
      await refreshHead(ctx, pr);
      if (body.sha && body.sha !== pr.headSha)
        throw new ApiError(409, 'Head branch was modified. Review and try the merge again.');
      const method = (body.merge_method ?? 'merge') as 'merge' | 'squash' | 'rebase';
      const git = ctx.repo.git;
      const baseRef = `refs/heads/${pr.baseRef}`;
      const baseSha = await git.resolveCommit(baseRef);
      if (!baseSha) throw new ApiError(405, 'Pull Request is not mergeable');
      const commits = (await git.log([pr.headSha, `^${baseSha}`])).map((c) => c.sha);
      let tip: string | null;
      let landed: string[];
      if (method === 'rebase') {
        // Merge commits inside the pull request are dropped, as `git rebase` drops them.
        const own = (await git.log(['--no-merges', pr.headSha, `^${baseSha}`])).map((c) => c.sha).reverse();
        const rebased = await git.rebaseCommits(baseSha, own, webFlowCommitter(), new Date(ctx.services.now()));
        if (!rebased) throw new ApiError(405, "This branch can't be rebased");
        tip = rebased.at(-1) ?? null;
        landed = rebased;
      } else {
        const squash = method === 'squash' ? await squashMessage(ctx, pr, commits) : null;
        const headOwner = headRepoOf(ctx, pr).owner;
        const title =
          body.commit_title ?? squash?.title ?? `Merge pull request #${pr.number} from ${headOwner}/${pr.headRef}`;
        const message = `${title}\n\n${body.commit_message ?? squash?.body ?? pr.title}`.trimEnd();
        tip = await git.mergeCommit(baseSha, pr.headSha, message, userIdentity(ctx.user), webFlowCommitter(), {
          squash: method === 'squash',
        });
        landed = tip ? (method === 'squash' ? [tip] : [...commits, tip]) : [];
      }
      if (!tip) throw new ApiError(405, 'Pull Request is not mergeable');
      const merge = tip;
      await git.setRef(baseRef, merge, baseSha);
      const now = ctx.services.now();
      Object.assign(pr, {
        state: 'closed',
        closedAt: now,
        mergedAt: now,
        updatedAt: now,
        mergeCommitSha: merge,
        mergedBy: ctx.user,
        mergedCommits: commits,
        mergeMethod: method,
        landedCommits: landed,
      });
      return { status: 200, body: { sha: merge, merged: true, message: 'Pull Request successfully merged' } };
    },
  },
};
