// Repository, branch, tag listing, commit and compare operations, read from the bare repository.
import { ApiError, notFound, type Operation, type OperationContext } from '../model.ts';
import { paginate, renderCommit, renderRepo, repoApiUrl, repoHtmlUrl } from '../render.ts';
import { webFlowCommitter } from './identity.ts';

async function commitOrNull(ctx: OperationContext, rev: string) {
  const sha = await ctx.repo.git.resolveCommit(rev);
  return sha ? ctx.repo.git.commit(sha) : null;
}

const compareCommits: Operation = {
  permissions: 'contents=read',
  async handle(ctx) {
    const basehead = ctx.params.basehead ?? `${ctx.params.base}...${ctx.params.head}`;
    const [baseRev, headRev] = basehead.split('...');
    if (!baseRev || !headRev) throw notFound();
    const [base, head] = await Promise.all([commitOrNull(ctx, baseRev), commitOrNull(ctx, headRev)]);
    if (!base || !head) throw notFound();
    const git = ctx.repo.git;
    const mergeBaseSha = await git.mergeBase(base.sha, head.sha);
    if (!mergeBaseSha) throw notFound(); // unrelated histories: GitHub has no comparison either
    const { ahead, behind } = await git.aheadBehind(base.sha, head.sha);
    const status =
      ahead === 0 && behind === 0 ? 'identical' : behind === 0 ? 'ahead' : ahead === 0 ? 'behind' : 'diverged';
    // GitHub lists at most 250 commits, oldest first.
    const commits = (await git.log([head.sha, `^${base.sha}`], { max: 250 })).reverse();
    const html = `${repoHtmlUrl(ctx)}/compare/${basehead}`;
    return {
      status: 200,
      body: {
        url: `${repoApiUrl(ctx)}/compare/${basehead}`,
        html_url: html,
        permalink_url: `${repoHtmlUrl(ctx)}/compare/${base.sha}...${head.sha}`,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        base_commit: renderCommit(ctx, base),
        merge_base_commit: renderCommit(ctx, await git.commit(mergeBaseSha)),
        status,
        ahead_by: ahead,
        behind_by: behind,
        total_commits: ahead,
        commits: commits.map((c) => renderCommit(ctx, c)),
        files: [],
      },
    };
  },
};

export const repoOperations: Record<string, Operation> = {
  'repos/get': {
    permissions: 'metadata=read',
    handle(ctx) {
      return { status: 200, body: renderRepo(ctx) };
    },
  },

  'repos/get-branch': {
    permissions: 'contents=read',
    async handle(ctx) {
      const branch = ctx.params.branch!;
      const commit = await commitOrNull(ctx, `refs/heads/${branch}`);
      if (!commit) throw new ApiError(404, 'Branch not found');
      const api = `${repoApiUrl(ctx)}/branches/${encodeURIComponent(branch)}`;
      return {
        status: 200,
        body: {
          name: branch,
          commit: renderCommit(ctx, commit),
          _links: { self: api, html: `${repoHtmlUrl(ctx)}/tree/${branch}` },
          protected: false,
          protection: {
            enabled: false,
            required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
          },
          protection_url: `${api}/protection`,
        },
      };
    },
  },

  'repos/list-tags': {
    permissions: 'contents=read',
    async handle(ctx) {
      const tags = (await ctx.repo.git.listRefs()).filter((r) => r.ref.startsWith('refs/tags/'));
      const names = tags
        .map((t) => ({ name: t.ref.slice('refs/tags/'.length), sha: t.peeled ?? t.sha }))
        // Newest version first, the order GitHub's tag list is usually read in.
        .sort((a, b) => b.name.localeCompare(a.name, 'en', { numeric: true }));
      return paginate(
        ctx,
        names.map((t) => ({
          name: t.name,
          commit: { sha: t.sha, url: `${repoApiUrl(ctx)}/commits/${t.sha}` },
          zipball_url: `${repoApiUrl(ctx)}/zipball/refs/tags/${t.name}`,
          tarball_url: `${repoApiUrl(ctx)}/tarball/refs/tags/${t.name}`,
          node_id: Buffer.from(`Ref:refs/tags/${t.name}`).toString('base64url'),
        })),
      );
    },
  },

  'repos/get-commit': {
    permissions: 'contents=read',
    async handle(ctx) {
      const commit = await commitOrNull(ctx, ctx.params.ref!);
      if (!commit) throw new ApiError(422, `No commit found for SHA: ${ctx.params.ref}`);
      return { status: 200, body: renderCommit(ctx, commit) };
    },
  },

  // Octokit's compareCommits and compareCommitsWithBasehead: two templates for one URL.
  'repos/compare-commits': compareCommits,
  'repos/compare-commits-with-basehead': compareCommits,

  'repos/merge-upstream': {
    permissions: 'contents=write',
    async handle(ctx) {
      const upstream = ctx.repo.upstream ? ctx.services.getRepo(ctx.repo.upstream) : undefined;
      if (!upstream) throw new ApiError(422, `${ctx.repo.fullName} is not a fork.`);
      const { branch } = ctx.body as { branch: string };
      const git = ctx.repo.git;
      const ref = `refs/heads/${branch}`;
      const local = await git.resolveCommit(ref);
      if (!local) throw new ApiError(422, 'Branch not found');
      const incoming = await git.fetchBranch(upstream.git.gitDir, branch);
      if (!incoming) throw new ApiError(422, `Branch not found in upstream ${upstream.fullName}`);
      const baseBranch = `${upstream.owner}:${branch}`;
      if (await git.isAncestor(incoming, local)) {
        return {
          status: 200,
          body: { message: 'This branch is not behind the upstream', merge_type: 'none', base_branch: baseBranch },
        };
      }
      if (await git.isAncestor(local, incoming)) {
        await git.setRef(ref, incoming, local);
        return {
          status: 200,
          body: {
            message: `Successfully fetched and fast-forwarded from upstream ${baseBranch}.`,
            merge_type: 'fast-forward',
            base_branch: baseBranch,
          },
        };
      }
      const committer = webFlowCommitter();
      const merge = await git.mergeCommit(
        local,
        incoming,
        `Merge branch '${branch}' of ${upstream.fullName}`,
        committer,
        committer,
      );
      if (!merge) throw new ApiError(409, 'There are merge conflicts');
      await git.setRef(ref, merge, local);
      return {
        status: 200,
        body: {
          message: `Successfully fetched and merged from upstream ${baseBranch}.`,
          merge_type: 'merge',
          base_branch: baseBranch,
        },
      };
    },
  },
};
