// The GitHub API double for tests and offline rehearsals. See double.ts for how a request is
// judged, faults.ts for failure injection.
export { startGitHubDouble, GitHubDouble } from './double.ts';
export type { GitHubDoubleOptions, RequestRecord, Violation, CountFilter, IgnoredParameter } from './double.ts';
export { faults } from './faults.ts';
export type { FaultHandle, FaultResponse } from './faults.ts';
import type { GitHubDouble } from './double.ts';
import type { Fault as FaultOn } from './faults.ts';
/** A fault for this double: its `before` hook receives the double. */
export type Fault = FaultOn<GitHubDouble>;
export type {
  TokenOptions,
  RepoOptions,
  Release,
  Asset,
  PullRequest,
  IssueComment,
  Label,
  RepoState,
  MakeLatest,
} from './model.ts';
