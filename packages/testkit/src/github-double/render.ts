// JSON shapes shared by several operations, with the fields GitHub's schemas require, so a
// caller reading `data.x` against the double reads what it would read from GitHub.
import type { CommitInfo } from './git.ts';
import type { Label, OperationContext, OperationResult, RepoState, User } from './model.ts';

export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url');
}

export function repoApiUrl(ctx: OperationContext, repo: RepoState = ctx.repo): string {
  return `${ctx.services.apiUrl}/repos/${repo.fullName}`;
}

export function repoHtmlUrl(ctx: OperationContext, repo: RepoState = ctx.repo): string {
  return `${ctx.services.serverUrl}/${repo.fullName}`;
}

export function renderUser(ctx: OperationContext, user: User) {
  const url = `${ctx.services.apiUrl}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('User', user.id),
    avatar_url: `${ctx.services.serverUrl}/avatars/u/${user.id}`,
    gravatar_id: '',
    url,
    html_url: `${ctx.services.serverUrl}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

// GitHub's hypermedia templates on a repository, relative to its API URL.
const REPO_URL_TEMPLATES: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

export function renderRepo(
  ctx: OperationContext,
  repo: RepoState = ctx.repo,
  { withParent = true } = {},
): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const html = repoHtmlUrl(ctx, repo);
  const host = new URL(ctx.services.serverUrl).host;
  const owner: User = { login: repo.owner, id: 1000 + repo.id, type: 'User' };
  const upstream = repo.upstream ? ctx.services.getRepo(repo.upstream) : undefined;
  const openPulls = repo.pulls.filter((p) => p.state === 'open').length;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    owner: renderUser(ctx, owner),
    html_url: html,
    description: null,
    fork: Boolean(upstream),
    url: api,
    ...Object.fromEntries(Object.entries(REPO_URL_TEMPLATES).map(([key, suffix]) => [key, `${api}${suffix}`])),
    clone_url: `${html}.git`,
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    license: null,
    size: 0,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: openPulls,
    open_issues_count: openPulls,
    default_branch: repo.defaultBranch,
    archived: false,
    disabled: false,
    is_template: false,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    network_count: 0,
    subscribers_count: 0,
    topics: [],
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pushed_at: repo.createdAt,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    ...(upstream && withParent
      ? {
          parent: renderRepo(ctx, upstream, { withParent: false }),
          source: renderRepo(ctx, upstream, { withParent: false }),
        }
      : {}),
  };
}

export function renderLabel(ctx: OperationContext, label: Label) {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${repoApiUrl(ctx)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: label.default,
  };
}

/** The labels on an issue or pull request, in the order they were added. */
export function issueLabels(ctx: OperationContext, issueNumber: number): Label[] {
  const names = ctx.repo.issueLabels.get(issueNumber) ?? [];
  return names.flatMap((n) => ctx.repo.labels.filter((l) => l.name === n));
}

function renderCommitParents(ctx: OperationContext, parents: string[]) {
  return parents.map((sha) => ({
    sha,
    url: `${repoApiUrl(ctx)}/commits/${sha}`,
    html_url: `${repoHtmlUrl(ctx)}/commit/${sha}`,
  }));
}

const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/** The `git/commits/{sha}` shape. */
export function renderGitCommit(ctx: OperationContext, c: CommitInfo) {
  return {
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${repoApiUrl(ctx)}/git/commits/${c.sha}`,
    html_url: `${repoHtmlUrl(ctx)}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${repoApiUrl(ctx)}/git/trees/${c.tree}` },
    parents: renderCommitParents(ctx, c.parents),
    verification: UNSIGNED,
  };
}

/** The `commits/{ref}` shape (a commit with its GitHub wrapping). */
export function renderCommit(ctx: OperationContext, c: CommitInfo) {
  return {
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${repoApiUrl(ctx)}/commits/${c.sha}`,
    html_url: `${repoHtmlUrl(ctx)}/commit/${c.sha}`,
    comments_url: `${repoApiUrl(ctx)}/commits/${c.sha}/comments`,
    commit: {
      url: `${repoApiUrl(ctx)}/git/commits/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${repoApiUrl(ctx)}/git/trees/${c.tree}` },
      verification: UNSIGNED,
    },
    // Git authors are not GitHub accounts in the double.
    author: null,
    committer: null,
    parents: renderCommitParents(ctx, c.parents),
  };
}

/**
 * GitHub's page-based pagination with a `Link` header, which Octokit's `paginate` follows.
 */
export function paginate<T>(ctx: OperationContext, items: readonly T[], status = 200): OperationResult & { body: T[] } {
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 30) || 30, 1), 100);
  const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number) => {
    const u = new URL(ctx.url);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${link(page - 1)}>; rel="prev"`, `<${link(1)}>; rel="first"`);
  if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  return {
    status,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}
