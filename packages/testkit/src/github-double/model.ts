// What the double remembers beyond git: releases, pull requests, labels, comments, tokens.
import type { IncomingHttpHeaders } from 'node:http';
import type { BareRepo } from './git.ts';

export type Access = 'read' | 'write';
/** Fine-grained permission names as GitHub spells them in `x-accepted-github-permissions`. */
export type PermissionName = 'contents' | 'pull_requests' | 'issues' | 'metadata' | 'actions' | 'workflows';

export interface TokenOptions {
  /** Missing permissions are `none`. Default: contents, pull_requests and issues `write`. */
  permissions?: Partial<Record<PermissionName, Access>>;
  /** `github-token` is the workflow's GITHUB_TOKEN (its events trigger no workflows); `pat` a person's token. */
  kind?: 'github-token' | 'pat';
  /** Who the token acts as. Default: `github-actions[bot]` for a github-token, `exegol-maintainer` for a pat. */
  login?: string;
  /** Limit the token to these `owner/name` repositories (others answer 404, as GitHub does). */
  repositories?: string[];
}

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface TokenInfo {
  kind: 'github-token' | 'pat';
  user: User;
  permissions: Partial<Record<PermissionName, Access>>;
  repositories?: string[];
}

export interface RepoOptions {
  defaultBranch?: string;
  private?: boolean;
  /** GitHub's "immutable releases" setting: once published, a release's assets and tag are locked. */
  immutableReleases?: boolean;
  /** `owner/name` of a repository registered in the same double that this one is a fork of. */
  upstream?: string;
}

export interface Asset {
  id: number;
  name: string;
  label: string | null;
  contentType: string;
  data: Buffer;
  createdAt: string;
  updatedAt: string;
  uploader: User;
}

export type MakeLatest = 'true' | 'false' | 'legacy';

export interface Release {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  makeLatest: MakeLatest;
  /** Drafts have no tag yet: GitHub addresses them as `untagged-<hash>`. */
  untaggedSlug: string;
  createdAt: string;
  publishedAt: string | null;
  author: User;
  assets: Asset[];
}

export interface PullRequest {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  /**
   * `owner/name` of the repository the head branch lives in: this repository, or a fork of it
   * (a cross-repository pull request, `head.label` `user:branch`).
   */
  headRepo: string;
  headRef: string;
  /** The head sha when last seen; live from the branch while it exists. */
  headSha: string;
  baseRef: string;
  user: User;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  mergedBy: User | null;
  maintainerCanModify: boolean;
  /** The pull request's own commits, recorded at merge (its `commits` count). */
  mergedCommits: string[];
  /** How it was merged, and the commits that landed on the base branch for it: the pull
   *  request's commits and the merge commit, the squashed commit, or the rebased copies. Release
   *  notes link these to the pull request. */
  mergeMethod: 'merge' | 'squash' | 'rebase' | null;
  landedCommits: string[];
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueComment {
  id: number;
  issueNumber: number;
  body: string;
  user: User;
  createdAt: string;
  updatedAt: string;
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  git: BareRepo;
  defaultBranch: string;
  private: boolean;
  immutableReleases: boolean;
  upstream?: string;
  /** When it was added to the double (the repository's created/pushed dates). */
  createdAt: string;
  releases: Release[];
  pulls: PullRequest[];
  labels: Label[];
  /** Label names per issue or pull request number. */
  issueLabels: Map<number, string[]>;
  comments: IssueComment[];
  /** The release explicitly marked latest (`make_latest: "true"`), if any. */
  latestReleaseId: number | null;
  /** Issues and pull requests share one number sequence on GitHub. */
  nextNumber: number;
}

/** What handlers may use of the double besides the repository they act on. */
export interface DoubleServices {
  apiUrl: string;
  serverUrl: string;
  nextId(): number;
  now(): string;
  getRepo(fullName: string): RepoState | undefined;
  listRepos(): RepoState[];
}

export interface OperationContext {
  services: DoubleServices;
  repo: RepoState;
  params: Record<string, string>;
  query: Record<string, string>;
  /**
   * The JSON body, already validated against GitHub's schema for the operation: a handler states
   * the shape it reads with a type assertion. Undefined when the request had none.
   */
  body: unknown;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  user: User;
  /** Whether the caller's token has a permission (drafts are visible only to writers). */
  can(permission: PermissionName, access: Access): boolean;
  /** Page links are built from the URL the client called. */
  url: URL;
  /** Report a request GitHub would accept but that almost surely does not do what the caller meant. */
  warn(message: string): void;
}

export interface OperationResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Operation {
  /**
   * What the token needs, in GitHub's `x-accepted-github-permissions` syntax: `;` separates
   * alternatives, `,` permissions needed together.
   */
  permissions: string;
  handle(ctx: OperationContext): OperationResult | Promise<OperationResult>;
}

/** An error answered the way GitHub shapes it; `documentation_url` is added by the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { errors?: unknown[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (): ApiError => new ApiError(404, 'Not Found');

export const validationFailed = (...errors: object[]): ApiError => new ApiError(422, 'Validation Failed', { errors });
