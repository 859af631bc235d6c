// The GitHub API double for tests and offline rehearsals. See double.ts for how a request is
// judged, faults.ts for failure injection.
export { startGitHubDouble, GitHubDouble } from './double.ts';
export type {
  GitHubDoubleOptions,
  RequestRecord,
  Violation,
  CountFilter,
  IgnoredParameter,
  Fault,
  FaultHandle,
} from './double.ts';
export { faults } from './faults.ts';
export type { FaultResponse } from './faults.ts';
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
export type { ActResponses, ActPullRequest, ActMerge, ActRelease } from './types.ts';
