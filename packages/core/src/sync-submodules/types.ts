// The shapes sync-submodules' job, its report and its pull-request side share: here, so that
// none of them imports another for a type.
import type { Check, SourceLocation } from '../action/index.ts';
import type { GitOptions, Identity, WorkTreeChange } from '../git/index.ts';
import type { PullRequestChange, PullRequestRef } from '../github/index.ts';

export type SyncMode = 'update' | 'pull-request' | 'check';

export interface SubmoduleReport {
  path: string;
  name: string;
  /** The branch followed, and why that one. */
  branch: string;
  branchFrom: 'input' | '.gitmodules' | 'remote default branch';
  /** The commit recorded before the run. */
  from: string;
  /** The commit recorded after the run (update), or the one an update would record (check). */
  to: string;
  /** The tip of `branch` on the submodule's remote. */
  tip: string;
  /** Commits of the branch tip that `from` lacks. */
  behind: number;
  /** Commits of the branch tip that `to` lacks: what is left behind after this run (or an update). */
  behindAfter: number;
  /** Commits of `from` that are not on the branch (dropped when moving to the tip). */
  ahead: number;
  /** `git describe --tags` of `to`: the tag it points at, or the nearest one and the distance. */
  tag: string | null;
  /** For a nested submodule, the path of the submodule that records it; its gitlink is that repository's to move. */
  parent: string | null;
  location?: SourceLocation;
}

export interface BranchOverrides {
  /** One branch for every selected submodule. */
  all?: string;
  /** Per submodule path. */
  byPath: Record<string, string>;
  /** The input they came from, named in errors. */
  input: string;
}

export type PullRequestRequest = PullRequestChange;
export type PullRequestOutcome = Pick<PullRequestRef, 'number' | 'url' | 'operation'>;

export interface SyncOptions {
  /** The superproject's work tree. */
  root: string;
  mode: SyncMode;
  /** Submodule paths to work on; empty for all. */
  paths: string[];
  branches: BranchOverrides;
  recursive: boolean;
  dryRun: boolean;
  /** Credentials for fetching submodules (authConfig): used for nothing else. */
  fetchAuth?: Pick<GitOptions, 'config' | 'secrets'>;
  /**
   * Credentials for the superproject's own remote (authConfig of github-token): the push, and
   * the fetches before it. Without them, whatever actions/checkout persisted (nothing with
   * persist-credentials: false, as the templates check out).
   */
  pushAuth?: Pick<GitOptions, 'config' | 'secrets'>;
  env?: Record<string, string>;
  /** The branch to push to (update) or to propose into (pull-request); default the checked-out one. */
  branch: string | null;
  identity: Identity;
  /** The commit message's first line; the list of moves follows it. */
  commitMessage: string;
  pushAttempts: number;
  /** check mode: whether a submodule behind its branch fails the run or only warns. */
  onBehind: 'fail' | 'warn';
  /**
   * update and pull-request modes: also commit what earlier steps changed in the work tree (files
   * added, changed or deleted, submodules they moved), as `git add --all` would. Without it a
   * changed work tree is refused, so that nothing unrelated slips into the update.
   */
  includeWorkTree?: boolean;
  /** pull-request mode: the head branch and title (already expanded), and how to open the PR. */
  pullRequest?: {
    branch: string;
    title: string;
    open: (request: PullRequestRequest) => Promise<PullRequestOutcome>;
  };
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

export type SyncOperation =
  | 'unchanged'
  | 'behind'
  | 'dry-run'
  | 'pushed'
  | 'pull-request-created'
  | 'pull-request-updated'
  | 'pull-request-unchanged';

export interface SyncResult {
  mode: SyncMode;
  submodules: SubmoduleReport[];
  /** Gitlinks moved (or, in a dry run or check, would move). */
  changed: boolean;
  operation: SyncOperation;
  commitSha: string | null;
  commitMessage: string | null;
  /** The branch pushed to, or the pull request's head branch. */
  pushedTo: string | null;
  /** With includeWorkTree: the other paths committed (or, in a dry run, that would be). */
  workTree: WorkTreeChange[];
  pullRequest: PullRequestOutcome | null;
  /** One per submodule: the check-mode verdicts (and the same facts for the other modes). */
  checks: Check[];
  ok: boolean;
  /** Set when this run finished what an earlier one left half done (a branch pushed without its pull request). */
  completed?: string;
}
